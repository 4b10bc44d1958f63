package io.sipcall.media.esl;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One message as mod_event_socket frames it: header lines up to a blank line, then exactly
 * Content-Length bytes of body. The top-level headers are not URL-encoded; only the headers of a
 * {@code text/event-plain} body are.
 */
final class EslFrame {

    static final String CONTENT_TYPE = "Content-Type";
    static final String CONTENT_LENGTH = "Content-Length";
    static final String REPLY_TEXT = "Reply-Text";
    static final String AUTH_REQUEST = "auth/request";
    static final String COMMAND_REPLY = "command/reply";
    static final String API_RESPONSE = "api/response";
    static final String DISCONNECT_NOTICE = "text/disconnect-notice";
    static final String RUDE_REJECTION = "text/rude-rejection";

    private final Map<String, String> headers;
    private final byte[] body;

    /** @param headers a case-insensitive map ({@link #caseInsensitive()}), kept as given */
    EslFrame(TreeMap<String, String> headers, byte[] body) {
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
    }

    static TreeMap<String, String> caseInsensitive() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    String contentType() {
        return headers.getOrDefault(CONTENT_TYPE, "");
    }

    /** A header's value, or {@code null}. */
    String header(String name) {
        return headers.get(name);
    }

    Map<String, String> headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
