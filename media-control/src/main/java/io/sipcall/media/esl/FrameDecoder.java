package io.sipcall.media.esl;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Reads {@link EslFrame}s from a stream: header lines ({@code Name: value}, ended by LF; a CR before
 * the LF is tolerated) up to a blank line, then a body of exactly Content-Length bytes. Blank lines
 * before a header block are skipped, as mod_event_socket's own reader does; lines without a colon are
 * ignored. Not thread-safe: one reader thread owns it.
 */
final class FrameDecoder {

    /** Far above anything FreeSWITCH sends in one header block (a few hundred bytes). */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** mod_event_socket caps what it reads at 10 MB; a bigger length means the stream is garbage. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private static final byte[] NO_BODY = new byte[0];

    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;
    private byte[] line = new byte[256];

    FrameDecoder(InputStream in) {
        this(in, 16 * 1024);
    }

    private FrameDecoder(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** Decodes the one frame that {@code bytes} hold, such as the body of a {@code text/event-plain}. */
    static EslFrame decode(byte[] bytes) throws IOException {
        FrameDecoder decoder = new FrameDecoder(new ByteArrayInputStream(bytes), Math.max(16, Math.min(bytes.length, 8192)));
        EslFrame frame = decoder.next();
        if (frame == null) {
            throw new EOFException("no header block");
        }
        return frame;
    }

    /**
     * The next frame; {@code null} if the stream ended cleanly between frames.
     *
     * @throws EOFException if the stream ended inside a frame
     * @throws EslProtocolException if the bytes are not ESL framing
     */
    EslFrame next() throws IOException {
        TreeMap<String, String> headers = readHeaders();
        if (headers == null) {
            return null;
        }
        return new EslFrame(headers, readBody(contentLength(headers)));
    }

    private TreeMap<String, String> readHeaders() throws IOException {
        TreeMap<String, String> headers = EslFrame.caseInsensitive();
        int budget = MAX_HEADER_BYTES;
        while (true) {
            String text = readLine(headers.isEmpty(), budget);
            if (text == null) {
                return null;
            }
            budget -= text.length() + 1;
            if (text.isEmpty()) {
                if (!headers.isEmpty()) {
                    return headers;
                }
                continue;
            }
            int colon = text.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(text.substring(0, colon).strip(), text.substring(colon + 1).stripLeading());
            }
        }
    }

    /** One line without its LF (or CRLF); {@code null} at a clean end of stream if {@code endAllowed}. */
    private String readLine(boolean endAllowed, int budget) throws IOException {
        int length = 0;
        while (true) {
            if (position == limit && !fill()) {
                if (length == 0 && endAllowed) {
                    return null;
                }
                throw new EOFException("the stream ended inside a header block");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                break;
            }
            if (length == budget) {
                throw new EslProtocolException("a header block is longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, MAX_HEADER_BYTES));
            }
            line[length++] = b;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    private static int contentLength(TreeMap<String, String> headers) {
        String value = headers.get(EslFrame.CONTENT_LENGTH);
        if (value == null) {
            return 0;
        }
        try {
            int length = Integer.parseInt(value.strip());
            if (length < 0 || length > MAX_BODY_BYTES) {
                throw new EslProtocolException("Content-Length " + length + " is out of range");
            }
            return length;
        } catch (NumberFormatException e) {
            throw new EslProtocolException("Content-Length '" + value + "' is not a number", e);
        }
    }

    private byte[] readBody(int length) throws IOException {
        if (length == 0) {
            return NO_BODY;
        }
        byte[] body = new byte[length];
        int filled = Math.min(length, limit - position);
        System.arraycopy(buffer, position, body, 0, filled);
        position += filled;
        while (filled < length) {
            int read = in.read(body, filled, length - filled);
            if (read < 0) {
                throw new EOFException("the stream ended after " + filled + " of " + length + " body bytes");
            }
            filled += read;
        }
        return body;
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
