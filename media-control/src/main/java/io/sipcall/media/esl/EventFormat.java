package io.sipcall.media.esl;

/**
 * How FreeSWITCH serialises events on this connection ({@code event plain ...} or
 * {@code event json ...}). mod_event_socket keeps one format per connection, so it is part of the
 * client's configuration rather than of each subscription.
 */
public enum EventFormat {
    /** {@code text/event-plain}: a header block with URL-encoded values, then an optional body. */
    PLAIN("plain", "text/event-plain"),
    /** {@code text/event-json}: one JSON object; the body, if any, is its {@code _body} member. */
    JSON("json", "text/event-json");

    private final String keyword;
    private final String contentType;

    EventFormat(String keyword, String contentType) {
        this.keyword = keyword;
        this.contentType = contentType;
    }

    /** The word in the {@code event} command. */
    String keyword() {
        return keyword;
    }

    /** The Content-Type of event frames in this format. */
    String contentType() {
        return contentType;
    }
}
