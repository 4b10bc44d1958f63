package io.sipcall.media.esl;

/**
 * Root of everything that fails in the Event Socket client. Subclasses name what failed: the password
 * ({@link EslAuthenticationException}), FreeSWITCH's inbound ACL ({@link EslRejectedException}), the
 * connection ({@link EslConnectionException}), a reply's deadline ({@link EslTimeoutException}), the
 * wire format ({@link EslProtocolException}) or a command FreeSWITCH refused ({@link EslCommandException}).
 */
public class EslException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EslException(String message) {
        super(message);
    }

    public EslException(String message, Throwable cause) {
        super(message, cause);
    }
}
