package io.sipcall.sip.auth;

/**
 * A well-formed challenge or response we do not implement: another scheme ({@code Basic}), an
 * algorithm other than MD5 and SHA-256 (including the {@code -sess} variants), only {@code qop=auth-int},
 * or {@code userhash}.
 */
public class UnsupportedDigestException extends DigestException {

    private static final long serialVersionUID = 1L;

    public UnsupportedDigestException(String message) {
        super(message);
    }
}
