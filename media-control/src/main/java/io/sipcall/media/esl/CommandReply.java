package io.sipcall.media.esl;

import java.util.Map;
import java.util.Objects;

/**
 * FreeSWITCH's {@code command/reply} to a command such as {@code event}, {@code filter} or
 * {@code sendmsg}: its {@code Reply-Text} ({@code +OK event listener enabled plain},
 * {@code -ERR invalid session id [...]}) and the frame's other headers.
 *
 * @param replyText the {@code Reply-Text} header, empty if FreeSWITCH sent none
 * @param headers every header of the reply, looked up case-insensitively
 */
public record CommandReply(String replyText, Map<String, String> headers) {

    public CommandReply {
        Objects.requireNonNull(replyText, "replyText");
        Objects.requireNonNull(headers, "headers");
    }

    /** {@code true} if the reply text starts with {@code +OK}. */
    public boolean isOk() {
        return replyText.startsWith("+OK");
    }

    /** This reply, or an {@link EslCommandException} carrying FreeSWITCH's error text. */
    public CommandReply orThrow() {
        if (!isOk()) {
            throw new EslCommandException(replyText);
        }
        return this;
    }

    static CommandReply of(EslFrame frame) {
        String text = frame.header(EslFrame.REPLY_TEXT);
        return new CommandReply(text == null ? "" : text.strip(), frame.headers());
    }
}
