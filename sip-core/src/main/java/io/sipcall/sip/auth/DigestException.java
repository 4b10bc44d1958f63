package io.sipcall.sip.auth;

import io.sipcall.sip.SipCoreException;

/** A digest header could not be used: see {@link MalformedDigestException} and {@link UnsupportedDigestException}. */
public class DigestException extends SipCoreException {

    private static final long serialVersionUID = 1L;

    public DigestException(String message) {
        super(message);
    }
}
