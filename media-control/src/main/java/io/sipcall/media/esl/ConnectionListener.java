package io.sipcall.media.esl;

/** What the client does as the {@link ConnectionSupervisor}'s connections come and go. */
interface ConnectionListener {

    /** A connection was authenticated. Called under the supervisor's lock: it may only queue commands. */
    void connected(EslConnection connection);

    /** The connection is gone (or the client failed or closed); whatever waits on it must fail. */
    void disconnected(Throwable cause);

    /** An event arrived; called on the reader thread, which this may block (backpressure). */
    void event(EslEvent event);
}
