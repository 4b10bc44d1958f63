package io.sipcall.sip.stack.screen;

import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.MessageChannel;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RI's parser, screening what arrives on a channel: a message with unreadable or missing
 * mandatory parts still comes out, repaired with {@link StandIns} and carrying a {@link Rejection}
 * (its application data, which nothing else sets on a received message) for {@link RejectionValve}.
 *
 * <p>What cannot be framed never comes out. Bytes whose first line is no SIP request or status line
 * are dropped on a datagram and close a stream, whose framing is then lost; so does, on a stream,
 * an unreadable Content-Length or one that takes the message past the stack's MAX_MESSAGE_SIZE
 * (the RI would throw out of its reader thread). On a datagram the body is exactly Content-Length
 * bytes (RFC 3261 18.3: the rest is discarded; fewer is a 400). Messages the stack re-parses from
 * its own buffers (no channel) are parsed as the RI always does.
 */
public final class ScreeningParser extends StringMsgParser {

    private static final Logger LOG = LoggerFactory.getLogger(ScreeningParser.class);

    private final int maxMessageSize;

    /** @param maxMessageSize the stack's MAX_MESSAGE_SIZE; 0 for no limit */
    public ScreeningParser(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        if (!(listener instanceof MessageChannel channel)) {
            return super.parseSIPMessage(bytes, readBody, strict, listener);
        }
        try {
            return screen(bytes, readBody, Origin.of(channel), listener);
        } catch (Unusable e) {
            if (!channel.isReliable()) {
                LOG.debug("dropped a datagram from {}: {}", Origin.of(channel), e.getMessage());
                return null; // the RI's channel takes null for a keep-alive and moves on
            }
            LOG.info("closing the {} connection: {}", Origin.of(channel), e.getMessage());
            channel.close();
            throw new ParseException(e.getMessage(), 0);
        }
    }

    /**
     * Parses {@code bytes} that arrived from {@code origin}; {@code next} handles unreadable
     * optional headers. Null for bytes that are only line ends (a keep-alive).
     *
     * @throws Unusable if the bytes cannot be framed as a SIP message
     */
    SIPMessage screen(byte[] bytes, boolean readBody, Origin origin, ParseExceptionListener next) throws Unusable {
        String firstLine = firstLine(bytes);
        if (firstLine.isEmpty()) {
            return null;
        }
        if (!Triage.looksLikeSip(firstLine)) {
            throw new Unusable("not a SIP message: " + printable(firstLine));
        }
        ParseFailures failures = new ParseFailures(next);
        SIPMessage message;
        try {
            message = super.parseSIPMessage(bytes, false, false, failures);
        } catch (ParseException | RuntimeException e) {
            throw new Unusable("unreadable: " + printable(String.valueOf(e.getMessage())));
        }
        if (message == null) {
            return null;
        }
        String framing = origin.stream() ? checkStreamFraming(message, failures)
                : readDatagramBody(message, bytes, readBody);
        Optional<Rejection> rejection = Triage.of(message, failures, origin, firstLine, framing);
        rejection.ifPresent(message::setApplicationData);
        return message;
    }

    /** On a stream only the Content-Length tells where the next message starts (RFC 3261 18.3). */
    private String checkStreamFraming(SIPMessage message, ParseFailures failures) throws Unusable {
        if (failures.failed(ContentLength.class)) {
            String text = failures.text(ContentLength.class).orElse("");
            throw new Unusable("unreadable Content-Length: " + printable(text));
        }
        int length = message.getContentLength().getContentLength();
        if (maxMessageSize > 0 && (long) message.getSize() + length > maxMessageSize) {
            throw new Unusable("Content-Length " + length + " exceeds the " + maxMessageSize + "-byte message limit");
        }
        return null;
    }

    /** Takes exactly Content-Length bytes of body; a problem if the datagram holds fewer. */
    private static String readDatagramBody(SIPMessage message, byte[] bytes, boolean readBody) {
        int declared = message.getContentLength().getContentLength();
        if (!readBody || declared == 0) {
            return null;
        }
        int start = message.getSize();
        int available = Math.max(0, bytes.length - start);
        message.setMessageContent(Arrays.copyOfRange(bytes, start, start + Math.min(declared, available)));
        return declared > available ? "Content-Length larger than the body" : null;
    }

    /** The first line, after the leading control characters the RI skips too; empty if none. */
    private static String firstLine(byte[] bytes) {
        int start = 0;
        while (start < bytes.length && (bytes[start] & 0xFF) < 0x20) {
            start++;
        }
        int end = start;
        while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8).strip();
    }

    /** For logs: what a peer sent, on one line and bounded. */
    private static String printable(String text) {
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    /** The bytes cannot be framed as a SIP message. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String reason) {
            super(reason);
        }
    }
}
