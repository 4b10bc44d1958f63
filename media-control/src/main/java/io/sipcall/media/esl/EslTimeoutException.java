package io.sipcall.media.esl;

/**
 * A command's reply (or a background job's result) did not arrive within its timeout. The connection
 * stays up: a reply that arrives later is consumed and discarded, never given to the next command.
 */
public class EslTimeoutException extends EslException {

    private static final long serialVersionUID = 1L;

    public EslTimeoutException(String message) {
        super(message);
    }
}
