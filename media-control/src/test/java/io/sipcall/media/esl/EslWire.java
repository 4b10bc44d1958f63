package io.sipcall.media.esl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The bytes mod_event_socket writes, built the way mod_event_socket.c and switch_event.c build them:
 * LF line ends, Content-Length counting bytes (strlen), header values of plain events URL-encoded by
 * switch_url_encode, "_undef_" for an empty value, "Content-Length: n\n\n" before an inner body.
 */
final class EslWire {

    /** What a listener's end writes after "+OK bye" or "-ERR invalid" (send_disconnect in listener_run). */
    static final String GOODBYE = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";
    static final String ACCESS_DENIED = "Access Denied, go away.\n";
    /** switch_url_encode's unsafe characters; bytes outside ' '..'~' are encoded too. */
    private static final String URL_UNSAFE = "\r\n \"#%&+:;<=>?@[\\]^`{|}";
    private static final String HEX = "0123456789ABCDEF";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EslWire() {
    }

    static byte[] authRequest() {
        return utf8("Content-Type: auth/request\n\n");
    }

    static byte[] commandReply(String replyText) {
        return utf8("Content-Type: command/reply\nReply-Text: " + replyText + "\n\n");
    }

    /** bgapi's reply: "~Reply-Text: +OK Job-UUID: %s\nJob-UUID: %s\n\n" after "Content-Type: command/reply\n". */
    static byte[] bgapiAccepted(String jobUuid) {
        return utf8("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + jobUuid + "\nJob-UUID: " + jobUuid + "\n\n");
    }

    static byte[] apiResponse(String body) {
        return withBody("Content-Type: api/response\nContent-Length: %d\n\n", body);
    }

    static byte[] disconnectNotice(String message) {
        return withBody("Content-Type: text/disconnect-notice\nContent-Length: %d\n\n", message);
    }

    static byte[] rudeRejection() {
        return withBody("Content-Type: text/rude-rejection\nContent-Length: %d\n\n", ACCESS_DENIED);
    }

    /** An event frame: note that mod_event_socket writes Content-Length before Content-Type here. */
    static byte[] eventFrame(EventFormat format, FakeEvent event) {
        byte[] payload = format == EventFormat.PLAIN ? plain(event) : json(event);
        String head = "Content-Length: " + payload.length + "\nContent-Type: text/event-" + format.keyword() + "\n\n";
        return concat(utf8(head), payload);
    }

    /** switch_event_serialize(event, &str, SWITCH_TRUE). */
    static byte[] plain(FakeEvent event) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> header : event.headers().entrySet()) {
            String encoded = urlEncode(header.getValue());
            text.append(header.getKey()).append(": ").append(encoded.isEmpty() ? "_undef_" : encoded).append('\n');
        }
        byte[] body = utf8(event.body());
        if (body.length == 0) {
            return utf8(text.append('\n').toString());
        }
        return concat(utf8(text.append("Content-Length: ").append(body.length).append("\n\n").toString()), body);
    }

    /** switch_event_serialize_json: headers as strings (arrays for ARRAY:: values), then Content-Length and _body. */
    static byte[] json(FakeEvent event) {
        ObjectNode root = JSON.createObjectNode();
        event.headers().forEach((name, value) -> {
            if (value.startsWith("ARRAY::")) {
                ArrayNode array = root.putArray(name);
                for (String item : value.substring("ARRAY::".length()).split("\\|:", -1)) {
                    array.add(item);
                }
            } else {
                root.put(name, value);
            }
        });
        byte[] body = utf8(event.body());
        if (body.length > 0) {
            root.put("Content-Length", Integer.toString(body.length));
            root.put("_body", event.body());
        }
        return utf8(root.toString());
    }

    static String urlEncode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : utf8(value)) {
            int c = b & 0xFF;
            if (c < ' ' || c > '~' || URL_UNSAFE.indexOf(c) >= 0) {
                encoded.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0x0F));
            } else {
                encoded.append((char) c);
            }
        }
        return encoded.toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] withBody(String headFormat, String body) {
        byte[] bytes = utf8(body);
        return concat(utf8(String.format(headFormat, bytes.length)), bytes);
    }
}
