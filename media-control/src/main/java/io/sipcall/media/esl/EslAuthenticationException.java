package io.sipcall.media.esl;

/**
 * FreeSWITCH refused the ESL password ({@code -ERR invalid}). Retrying cannot help, so the client gives
 * up ({@link EslState#FAILED}) instead of knocking again and again; the message never contains the
 * password.
 */
public class EslAuthenticationException extends EslException {

    private static final long serialVersionUID = 1L;

    public EslAuthenticationException(String message) {
        super(message);
    }
}
