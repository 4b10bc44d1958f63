package io.sipcall.media.esl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the body of an event frame into an {@link EslEvent}. A plain body is itself a frame whose
 * header values FreeSWITCH URL-encoded ({@code switch_event_serialize}); a json body is one object
 * whose members are headers, arrays of values, {@code Content-Length} and {@code _body}.
 */
final class EventParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_BODY = "_body";
    private static final String ARRAY_PREFIX = "ARRAY::";
    private static final String ARRAY_SEPARATOR = "|:";

    private EventParser() {
    }

    static EslEvent plain(byte[] payload) {
        EslFrame inner;
        try {
            inner = FrameDecoder.decode(payload);
        } catch (IOException e) {
            throw new EslProtocolException("a text/event-plain body ends inside its header block", e);
        }
        TreeMap<String, String> headers = EslFrame.caseInsensitive();
        inner.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase(EslFrame.CONTENT_LENGTH)) {
                headers.put(name, urlDecode(value));
            }
        });
        return new EslEvent(headers, inner.bodyText());
    }

    static EslEvent json(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new EslProtocolException("a text/event-json body is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new EslProtocolException("a text/event-json body is not a JSON object");
        }
        TreeMap<String, String> headers = EslFrame.caseInsensitive();
        String body = "";
        for (Map.Entry<String, JsonNode> member : root.properties()) {
            String name = member.getKey();
            if (name.equals(JSON_BODY)) {
                body = member.getValue().asText();
            } else if (!name.equalsIgnoreCase(EslFrame.CONTENT_LENGTH)) {
                headers.put(name, text(member.getValue()));
            }
        }
        return new EslEvent(headers, body);
    }

    /** An array member in the form FreeSWITCH gives the same header in plain events. */
    private static String text(JsonNode value) {
        if (!value.isArray()) {
            return value.isNull() ? "" : value.asText();
        }
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.asText()));
        return ARRAY_PREFIX + String.join(ARRAY_SEPARATOR, items);
    }

    /**
     * Reverses {@code switch_url_encode}: each {@code %XX} becomes the byte XX and the bytes are read
     * as UTF-8. Like {@code switch_url_decode}, a {@code +} stays a plus (FreeSWITCH encodes a plus as
     * {@code %2B} and a space as {@code %20}) and a {@code %} without two hex digits stays as it is.
     */
    static String urlDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        byte[] in = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int escaped = in[i] == '%' && i + 2 < in.length ? hexByte(in[i + 1], in[i + 2]) : -1;
            if (escaped >= 0) {
                out.write(escaped);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hexByte(byte high, byte low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
