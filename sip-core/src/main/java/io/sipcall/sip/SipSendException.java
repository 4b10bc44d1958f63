package io.sipcall.sip;

/**
 * A message could not be handed to the transport (connection refused, no route, stack stopped). The
 * status is what the peer on the other leg is told: 503 for an unreachable trunk, 500 otherwise.
 */
public class SipSendException extends SipCoreException {

    private static final long serialVersionUID = 1L;
    private final int status;

    public SipSendException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
