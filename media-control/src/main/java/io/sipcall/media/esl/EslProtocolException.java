package io.sipcall.media.esl;

/**
 * Bytes that are not mod_event_socket's framing: a bad Content-Length, an oversized header block, a
 * greeting other than {@code auth/request}. On a live connection it ends the connection, which is then
 * re-established; an unreadable event body alone is skipped.
 */
public class EslProtocolException extends EslException {

    private static final long serialVersionUID = 1L;

    public EslProtocolException(String message) {
        super(message);
    }

    public EslProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
