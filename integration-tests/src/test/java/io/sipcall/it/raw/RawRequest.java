package io.sipcall.it.raw;

import io.sipcall.it.sipp.SipMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The text of one SIP request, well formed as built (RFC 3261 8.1.1: Via with a magic-cookie branch,
 * From tag, Call-ID, CSeq, Max-Forwards, Content-Length), for a test to break one piece of. Header
 * lines are kept as bytes, so a test can put anything in one, invalid UTF-8 included. Not
 * thread-safe.
 */
public final class RawRequest {

    private static final String SDP = "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private final String method;
    private final String callId;
    private final String branch;
    private String requestLine;
    private final List<byte[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private String contentLength;

    private RawRequest(String method, String callId, String branch) {
        this.method = method;
        this.callId = callId;
        this.branch = branch;
    }

    private RawRequest(String method, String requestUri, RawSipClient from) {
        this(method, token() + "@127.0.0.1", "z9hG4bK" + token());
        this.requestLine = method + " " + requestUri + " SIP/2.0";
        String transport = from.transport().name();
        header("Via", "SIP/2.0/" + transport + " 127.0.0.1:" + from.localPort() + ";branch=" + branch + ";rport");
        header("Max-Forwards", "70");
        header("From", "<sip:raw@127.0.0.1:" + from.localPort() + ">;tag=" + token());
        header("To", "<" + requestUri + ">");
        header("Call-ID", callId);
        header("CSeq", "1 " + method);
        header("Contact", "<sip:raw@127.0.0.1:" + from.localPort() + ";transport=" + transport.toLowerCase(Locale.ROOT)
                + ">");
    }

    /** An out-of-dialog OPTIONS to {@code serverPort}. */
    public static RawRequest options(RawSipClient from, int serverPort) {
        return new RawRequest("OPTIONS", "sip:keepalive@127.0.0.1:" + serverPort, from);
    }

    /** An INVITE for {@code number} with an SDP offer. */
    public static RawRequest invite(RawSipClient from, int serverPort, String number) {
        return new RawRequest("INVITE", "sip:" + number + "@127.0.0.1:" + serverPort, from)
                .header("Content-Type", "application/sdp").body(SDP);
    }

    /**
     * The ACK for a non-2xx final response to this INVITE: same Request-URI, Via (branch), From and
     * Call-ID, the response's To (with its tag), CSeq method ACK, no body (RFC 3261 17.1.1.3).
     */
    public RawRequest ackFor(SipMessage response) {
        RawRequest ack = new RawRequest("ACK", callId, branch);
        ack.requestLine = "ACK " + requestLine.split(" ")[1] + " SIP/2.0";
        for (byte[] line : headers) {
            String text = new String(line, StandardCharsets.UTF_8);
            String name = nameOf(text);
            if (name.equalsIgnoreCase("To")) {
                ack.header("To", response.requiredHeader("To"));
            } else if (name.equalsIgnoreCase("CSeq")) {
                ack.header("CSeq", valueOf("CSeq").split("\\s+")[0] + " ACK");
            } else if (!name.equalsIgnoreCase("Content-Type")) {
                ack.headers.add(line);
            }
        }
        return ack;
    }

    public String method() {
        return method;
    }

    public String callId() {
        return callId;
    }

    public String branch() {
        return branch;
    }

    /** The value of the first header of that name, as it will be sent. */
    public String valueOf(String name) {
        for (byte[] line : headers) {
            String text = new String(line, StandardCharsets.UTF_8);
            if (nameOf(text).equalsIgnoreCase(name)) {
                return text.substring(text.indexOf(':') + 1).strip();
            }
        }
        throw new IllegalArgumentException("no " + name + " header in:\n" + this);
    }

    /** Replaces the request line as a whole. */
    public RawRequest requestLine(String line) {
        this.requestLine = line;
        return this;
    }

    /** Sets a header: replaces the first line of that name, or appends one. */
    public RawRequest header(String name, String value) {
        byte[] line = (name + ": " + value).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < headers.size(); i++) {
            if (nameOf(new String(headers.get(i), StandardCharsets.UTF_8)).equalsIgnoreCase(name)) {
                headers.set(i, line);
                return this;
            }
        }
        headers.add(line);
        return this;
    }

    /** Removes every header line of that name. */
    public RawRequest without(String name) {
        headers.removeIf(line -> nameOf(new String(line, StandardCharsets.UTF_8)).equalsIgnoreCase(name));
        return this;
    }

    /** Appends a header line exactly as given (no colon, raw bytes...). */
    public RawRequest line(byte[] line) {
        headers.add(line.clone());
        return this;
    }

    public RawRequest line(String line) {
        return line(line.getBytes(StandardCharsets.UTF_8));
    }

    public RawRequest body(String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Declares this Content-Length whatever the body's real length. */
    public RawRequest contentLength(int declared) {
        return contentLength(Integer.toString(declared));
    }

    /** Declares this Content-Length value as written, numeric or not. */
    public RawRequest contentLength(String declared) {
        this.contentLength = declared;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((requestLine + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (byte[] line : headers) {
            out.writeBytes(line);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        String length = contentLength == null ? Integer.toString(body.length) : contentLength;
        out.writeBytes(("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    private static String nameOf(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(0, colon).trim();
    }

    private static String token() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
