package io.sipcall.media.esl;

/**
 * FreeSWITCH answered a command with an error ({@code -ERR ...}, {@code -USAGE: ...}). Thrown by
 * {@link ApiResponse#orThrow()} and {@link CommandReply#orThrow()}, and by subscriptions that
 * FreeSWITCH refused.
 */
public class EslCommandException extends EslException {

    private static final long serialVersionUID = 1L;

    public EslCommandException(String message) {
        super(message);
    }
}
