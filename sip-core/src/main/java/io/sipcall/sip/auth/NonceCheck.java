package io.sipcall.sip.auth;

/** What {@link NonceService#check} found. */
public enum NonceCheck {
    /** Ours, fresh, and this nonce count is new: go on to verify the response. */
    VALID,
    /**
     * Ours and well-formed but expired (or no longer tracked): challenge again with {@code stale=true},
     * so the client retries with the new nonce without treating it as a wrong password (RFC 7616 3.3).
     */
    STALE,
    /** Not issued by this service, tampered with, or garbled: challenge again, without {@code stale}. */
    INVALID,
    /** The nonce count is not above the highest already seen for this nonce: a replayed request. */
    REPLAY
}
