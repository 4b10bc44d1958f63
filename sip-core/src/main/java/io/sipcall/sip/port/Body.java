package io.sipcall.sip.port;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A SIP message body and its media type, carried from one leg to the other.
 *
 * @param contentType the Content-Type, such as {@code application/sdp}
 * @param content     the raw bytes, never re-encoded
 */
public record Body(String contentType, byte[] content) {

    public static final String SDP = "application/sdp";

    public Body {
        Objects.requireNonNull(contentType, "contentType");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Whether this body is a session description (an offer or an answer). */
    public boolean isSdp() {
        return SDP.equalsIgnoreCase(contentType);
    }

    /** The body as UTF-8 text (SDP and most SIP bodies are text). */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Body b && contentType.equalsIgnoreCase(b.contentType) && Arrays.equals(content, b.content);
    }

    @Override
    public int hashCode() {
        return 31 * contentType.toLowerCase(java.util.Locale.ROOT).hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "Body[" + contentType + ", " + content.length + " bytes]";
    }
}
