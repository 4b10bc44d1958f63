package io.sipcall.media.esl;

/**
 * Told of every state change of an {@link EslClient}, in order, on the client's dispatch thread (see
 * the package documentation). Meant for the pool of FreeSWITCH nodes: take a node out of rotation on
 * {@code DISCONNECTED}, put it back on {@code CONNECTED}, drop it on {@code FAILED}.
 */
@FunctionalInterface
public interface EslStateListener {

    /**
     * @param previous the state left
     * @param current the state entered
     * @param cause why the client entered {@code DISCONNECTED} or {@code FAILED}; {@code null} otherwise
     */
    void onStateChange(EslState previous, EslState current, Throwable cause);
}
