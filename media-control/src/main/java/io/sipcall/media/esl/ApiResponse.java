package io.sipcall.media.esl;

import java.util.Objects;

/**
 * What an {@code api} command printed (the {@code api/response} body), or what a {@code bgapi} job
 * printed (the body of its {@code BACKGROUND_JOB} event). FreeSWITCH reports failures in the text
 * itself, so an error is still a response: {@link #isError()} recognises {@code -ERR ...} and
 * {@code -USAGE: ...} (what commands print when called with the wrong arguments).
 *
 * @param body the text exactly as FreeSWITCH sent it, usually ending with a newline
 */
public record ApiResponse(String body) {

    public ApiResponse {
        Objects.requireNonNull(body, "body");
    }

    /** The body without surrounding whitespace: {@code +OK 7f4de4bc-...}, {@code -ERR no reply}. */
    public String text() {
        return body.strip();
    }

    /** {@code true} if FreeSWITCH reported a failure. */
    public boolean isError() {
        String text = text();
        return text.startsWith("-ERR") || text.startsWith("-USAGE");
    }

    /** This response, or an {@link EslCommandException} carrying FreeSWITCH's error text. */
    public ApiResponse orThrow() {
        if (isError()) {
            throw new EslCommandException(text());
        }
        return this;
    }

    static ApiResponse of(EslFrame frame) {
        if (frame.contentType().equals(EslFrame.API_RESPONSE)) {
            return new ApiResponse(frame.bodyText());
        }
        // Refusals that never reach the API (permission denied under userauth) come as command/reply.
        return new ApiResponse(CommandReply.of(frame).replyText());
    }
}
