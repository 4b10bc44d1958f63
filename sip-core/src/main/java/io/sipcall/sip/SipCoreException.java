package io.sipcall.sip;

/**
 * Root of everything that fails inside the B2BUA. Subclasses say what failed; those about a call's
 * outcome carry the SIP status the caller was (or will be) given.
 */
public class SipCoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SipCoreException(String message) {
        super(message);
    }

    public SipCoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
