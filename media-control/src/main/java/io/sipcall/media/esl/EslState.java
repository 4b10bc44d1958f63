package io.sipcall.media.esl;

/**
 * Where an {@link EslClient} stands. A client starts {@code NEW}, moves between {@code CONNECTING},
 * {@code CONNECTED} and {@code DISCONNECTED} (waiting to reconnect) on its own, and ends either
 * {@code CLOSED} (by {@link EslClient#close()}) or {@code FAILED} (wrong password or ACL rejection,
 * which no retry can fix).
 */
public enum EslState {
    NEW,
    CONNECTING,
    CONNECTED,
    DISCONNECTED,
    FAILED,
    CLOSED;

    /** {@code true} for the states a client never leaves. */
    public boolean isTerminal() {
        return this == FAILED || this == CLOSED;
    }
}
