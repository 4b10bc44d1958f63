package io.sipcall.sip.auth;

/** A challenge or Authorization value that does not follow the grammar, or lacks a required parameter. */
public class MalformedDigestException extends DigestException {

    private static final long serialVersionUID = 1L;

    public MalformedDigestException(String message) {
        super(message);
    }
}
