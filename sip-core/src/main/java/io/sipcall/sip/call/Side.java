package io.sipcall.sip.call;

/** The two halves of a call. */
public enum Side {
    /** Towards the WebRTC gateway: the user who placed the call. */
    CALLER,
    /** Towards the trunk: the number being called. */
    CALLEE;

    public Side other() {
        return this == CALLER ? CALLEE : CALLER;
    }
}
