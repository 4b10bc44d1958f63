package io.sipcall.media.esl;

/**
 * FreeSWITCH's {@code apply-inbound-acl} refused this client before asking for a password
 * ({@code text/rude-rejection}, "Access Denied, go away."). Like a wrong password it is a
 * configuration error, so the client gives up ({@link EslState#FAILED}).
 */
public class EslRejectedException extends EslException {

    private static final long serialVersionUID = 1L;

    public EslRejectedException(String message) {
        super(message);
    }
}
