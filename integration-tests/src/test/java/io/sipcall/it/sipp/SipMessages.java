package io.sipcall.it.sipp;

import io.sipcall.it.sipp.SipMessage.Direction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SIP messages of a SIPp {@code -trace_msg} log, in the order SIPp logged them, for assertions
 * such as topology hiding: the callee-side INVITE must contain nothing of the caller side's
 * Call-ID, tags, Via or Contact. Immutable.
 *
 * <p>SIPp 3.6.1 logs each message as a line of dashes with a timestamp, then
 * {@code "UDP message sent (N bytes):"} or {@code "TCP message received [N] bytes :"}, an empty line
 * and the N bytes of the message. Anything else in the log (SIPp's own notes such as
 * "Dead call ... received") is skipped.
 */
public final class SipMessages implements Iterable<SipMessage> {

    private static final Pattern ENTRY = Pattern.compile(
            "(?m)^-{10,} (\\S+ \\S+)\\n(\\w+) message (sent|received) (?:\\((\\d+) bytes\\)|\\[(\\d+)] bytes ?):\\n\\n");

    private final List<SipMessage> messages;

    private SipMessages(List<SipMessage> messages) {
        this.messages = List.copyOf(messages);
    }

    public static SipMessages parse(Path log) {
        try {
            return parse(Files.readAllBytes(log));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    public static SipMessages parse(byte[] log) {
        // ISO-8859-1 maps byte i to char i: the logged byte counts index this string directly.
        String text = new String(log, StandardCharsets.ISO_8859_1);
        Matcher m = ENTRY.matcher(text);
        List<SipMessage> messages = new ArrayList<>();
        int from = 0;
        while (m.find(from)) {
            int length = Integer.parseInt(m.group(4) != null ? m.group(4) : m.group(5));
            int start = m.end();
            int end = Math.min(start + length, log.length);
            Direction direction = m.group(3).equals("sent") ? Direction.SENT : Direction.RECEIVED;
            messages.add(SipMessage.parse(direction, m.group(2), m.group(1), Arrays.copyOfRange(log, start, end)));
            from = end;
        }
        return new SipMessages(messages);
    }

    public List<SipMessage> all() {
        return messages;
    }

    public int size() {
        return messages.size();
    }

    public List<SipMessage> sent() {
        return filter(msg -> msg.direction() == Direction.SENT);
    }

    public List<SipMessage> received() {
        return filter(msg -> msg.direction() == Direction.RECEIVED);
    }

    /** Requests of a method in one direction, in order. */
    public List<SipMessage> requests(Direction direction, String method) {
        return filter(msg -> msg.direction() == direction && msg.isRequest() && msg.method().equalsIgnoreCase(method));
    }

    /** Responses with a status code in one direction, in order. */
    public List<SipMessage> responses(Direction direction, int status) {
        return filter(msg -> msg.direction() == direction && msg.isResponse() && msg.statusCode() == status);
    }

    /**
     * The first request of a method in one direction.
     *
     * @throws AssertionError listing what the log holds instead
     */
    public SipMessage firstRequest(Direction direction, String method) {
        return requests(direction, method).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no " + direction + " " + method + " in: " + summary()));
    }

    /**
     * The first response with a status code in one direction.
     *
     * @throws AssertionError listing what the log holds instead
     */
    public SipMessage firstResponse(Direction direction, int status) {
        return responses(direction, status).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no " + direction + " " + status + " in: " + summary()));
    }

    /** One line per message: direction and start line. */
    public String summary() {
        return messages.stream().map(SipMessage::toString).collect(Collectors.joining("\n  ", "[\n  ", "\n]"));
    }

    @Override
    public Iterator<SipMessage> iterator() {
        return messages.iterator();
    }

    @Override
    public String toString() {
        return summary();
    }

    private List<SipMessage> filter(Predicate<SipMessage> predicate) {
        return messages.stream().filter(predicate).toList();
    }
}
