package io.sipcall.sip;

/** The SIP stack could not be started: a port is taken, an address cannot be bound, TLS is unusable. */
public class SipStartException extends SipCoreException {

    private static final long serialVersionUID = 1L;

    public SipStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
