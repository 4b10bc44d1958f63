package io.sipcall.media.esl;

/**
 * Receives every event of the client's subscriptions, in the order FreeSWITCH sent them, on the
 * client's dispatch thread. It must not block: a slow listener holds up every later event and reply.
 */
@FunctionalInterface
public interface EslEventListener {

    void onEvent(EslEvent event);
}
