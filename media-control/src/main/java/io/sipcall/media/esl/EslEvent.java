package io.sipcall.media.esl;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * One FreeSWITCH event, the same whether it arrived as {@code text/event-plain} or
 * {@code text/event-json}: header values are decoded (plain values are URL-encoded on the wire), array
 * headers keep FreeSWITCH's {@code ARRAY::a|:b} form in both formats, and the body is the event's inner
 * body ({@code BACKGROUND_JOB}'s result, a {@code MESSAGE}'s text), empty if it has none.
 */
public final class EslEvent {

    static final String EVENT_NAME = "Event-Name";

    private final Map<String, String> headers;
    private final String body;

    /** @param headers a case-insensitive map, kept as given */
    EslEvent(Map<String, String> headers, String body) {
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
    }

    /** The {@code Event-Name} header ({@code CHANNEL_ANSWER}, {@code HEARTBEAT}, {@code CUSTOM}), or "". */
    public String name() {
        return headers.getOrDefault(EVENT_NAME, "");
    }

    /** A header's decoded value; names are matched case-insensitively, as FreeSWITCH does. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** Every header with its decoded value, looked up case-insensitively. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The inner body, empty if the event has none. */
    public String body() {
        return body;
    }

    @Override
    public String toString() {
        String subclass = headers.get("Event-Subclass");
        return "EslEvent[" + name() + (subclass == null ? "" : " " + subclass) + ", " + headers.size() + " headers"
                + (body.isEmpty() ? "" : ", body " + body.length() + " chars") + "]";
    }
}
