package io.sipcall.media.esl;

/**
 * There is no usable connection: it dropped (with or without FreeSWITCH's disconnect notice), went
 * silent past the heartbeat window, is still being re-established, or the client is closed. Every
 * command and background job that was waiting on the lost connection fails with this exception.
 */
public class EslConnectionException extends EslException {

    private static final long serialVersionUID = 1L;

    public EslConnectionException(String message) {
        super(message);
    }

    public EslConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
