package io.sipcall.it.sipp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SIP message from a SIPp {@code -trace_msg} log, as SIPp sent or received it.
 *
 * <p>{@link #headers()} maps each header name (case-insensitive, compact forms expanded, e.g. {@code i}
 * to {@code Call-ID}) to its values in order, one per header line; a line listing several values
 * separated by commas stays one value. Immutable.
 *
 * @param direction whether SIPp sent or received it
 * @param transport as SIPp logged it: UDP or TCP
 * @param timestamp SIPp's log time, e.g. {@code 2026-11-21 09:48:39.953026}
 * @param startLine the request or status line
 * @param headers the header multimap
 * @param body the body, exactly Content-Length bytes when the header is present
 * @param raw the whole message as it was on the wire
 */
public record SipMessage(Direction direction, String transport, String timestamp, String startLine,
                         Map<String, List<String>> headers, String body, String raw) {

    public enum Direction { SENT, RECEIVED }

    private static final Pattern STATUS_LINE = Pattern.compile("SIP/2\\.0 (\\d{3}) ?(.*)");
    private static final Pattern REQUEST_LINE = Pattern.compile("([A-Za-z]+) (\\S+) SIP/2\\.0");
    private static final Pattern TAG = Pattern.compile(";\\s*tag=([^;,>\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern VIA_SENT_BY = Pattern.compile("SIP\\s*/\\s*2\\.0\\s*/\\s*\\S+\\s+([^;,\\s]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("i", "Call-ID"), Map.entry("f", "From"), Map.entry("t", "To"), Map.entry("v", "Via"),
            Map.entry("m", "Contact"), Map.entry("l", "Content-Length"), Map.entry("c", "Content-Type"),
            Map.entry("k", "Supported"), Map.entry("s", "Subject"), Map.entry("e", "Content-Encoding"),
            Map.entry("o", "Event"), Map.entry("u", "Allow-Events"), Map.entry("r", "Refer-To"),
            Map.entry("b", "Referred-By"), Map.entry("x", "Session-Expires"));

    public SipMessage {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(startLine, "startLine");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(raw, "raw");
    }

    /** Parses one message as it was on the wire (CRLF or LF line ends), UTF-8. */
    public static SipMessage parse(Direction direction, String transport, String timestamp, String wire) {
        return parse(direction, transport, timestamp, wire.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses one message as it was on the wire (CRLF or LF line ends). Text is decoded as UTF-8;
     * the body is cut at Content-Length, which counts bytes.
     */
    public static SipMessage parse(Direction direction, String transport, String timestamp, byte[] wire) {
        // ISO-8859-1 maps byte i to char i, so indexes found in it are byte offsets.
        String bytes = new String(wire, StandardCharsets.ISO_8859_1);
        int headerEnd = bytes.indexOf("\r\n\r\n");
        int bodyStart = headerEnd + 4;
        if (headerEnd < 0) {
            headerEnd = bytes.indexOf("\n\n");
            bodyStart = headerEnd + 2;
        }
        if (headerEnd < 0) {
            headerEnd = wire.length;
            bodyStart = wire.length;
        }
        String raw = new String(wire, StandardCharsets.UTF_8);
        String head = new String(wire, 0, headerEnd, StandardCharsets.UTF_8);
        List<String> lines = unfold(head.split("\r?\n"));
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IllegalArgumentException("not a SIP message: " + raw);
        }
        TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("malformed header line '" + line + "' in: " + raw);
            }
            String name = line.substring(0, colon).strip();
            name = COMPACT.getOrDefault(name.toLowerCase(Locale.ROOT), name);
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        int bodyEnd = wire.length;
        List<String> length = headers.getOrDefault("Content-Length", List.of());
        if (!length.isEmpty()) {
            bodyEnd = Math.min(wire.length, bodyStart + Integer.parseInt(length.get(0).strip()));
        }
        String body = new String(wire, bodyStart, Math.max(0, bodyEnd - bodyStart), StandardCharsets.UTF_8);
        return new SipMessage(direction, transport, timestamp, lines.get(0).strip(), headers, body, raw);
    }

    public boolean isRequest() {
        return !startLine.startsWith("SIP/2.0");
    }

    public boolean isResponse() {
        return !isRequest();
    }

    /** The request method; for a response, the method of its CSeq. */
    public String method() {
        if (isRequest()) {
            return match(REQUEST_LINE, startLine, 1);
        }
        String[] cseq = requiredHeader("CSeq").trim().split("\\s+");
        return cseq[cseq.length - 1];
    }

    public String requestUri() {
        if (!isRequest()) {
            throw new IllegalStateException("a response has no Request-URI: " + startLine);
        }
        return match(REQUEST_LINE, startLine, 2);
    }

    public int statusCode() {
        if (isRequest()) {
            throw new IllegalStateException("a request has no status code: " + startLine);
        }
        return Integer.parseInt(match(STATUS_LINE, startLine, 1));
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        return headerValues(name).stream().findFirst();
    }

    /** The first value of a header that must be there. */
    public String requiredHeader(String name) {
        return header(name).orElseThrow(() -> new IllegalStateException("no " + name + " header in:\n" + raw));
    }

    /** Every value of a header, one per header line, in order; empty if absent. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    public String callId() {
        return requiredHeader("Call-ID");
    }

    public Optional<String> fromTag() {
        return tag(requiredHeader("From"));
    }

    public Optional<String> toTag() {
        return tag(requiredHeader("To"));
    }

    /** The host[:port] of every Via value, top first (comma-separated values included). */
    public List<String> viaSentBy() {
        List<String> sentBy = new ArrayList<>();
        for (String via : headerValues("Via")) {
            Matcher m = VIA_SENT_BY.matcher(via);
            while (m.find()) {
                sentBy.add(m.group(1));
            }
        }
        return sentBy;
    }

    @Override
    public String toString() {
        return direction + " " + transport + " " + startLine;
    }

    private static Optional<String> tag(String nameAddr) {
        Matcher m = TAG.matcher(nameAddr);
        // A tag parameter belongs to the header, after the URI's closing '>' when there is one.
        int after = nameAddr.lastIndexOf('>');
        while (m.find()) {
            if (m.start() > after) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static String match(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException("unexpected start line: " + text);
        }
        return m.group(group);
    }

    private static List<String> unfold(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (!out.isEmpty() && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + line.strip());
            } else {
                out.add(line);
            }
        }
        return out;
    }
}
