package io.sipcall.it.raw;

import io.sipcall.it.sipp.SipMessage;
import io.sipcall.it.sipp.Sipp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link RawSipClient} on one TCP connection. Replies are framed the way RFC 3261 18.3 frames a
 * stream: headers up to the blank line, then Content-Length bytes of body; a lone CRLF between
 * messages is a keep-alive pong.
 */
final class RawTcpClient implements RawSipClient {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final Pattern CONTENT_LENGTH = Pattern.compile("^(?:Content-Length|l)[ \\t]*:[ \\t]*(\\d+)",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private final Socket socket;
    private final InputStream in;
    /** Bytes read but not yet returned as a reply. */
    private byte[] pending = new byte[0];
    private boolean closed;

    RawTcpClient(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, CONNECT_TIMEOUT_MS);
        in = socket.getInputStream();
    }

    @Override
    public Sipp.Transport transport() {
        return Sipp.Transport.TCP;
    }

    @Override
    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + socket, e);
        }
    }

    @Override
    public Reply await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] chunk = new byte[8192];
        while (true) {
            Reply framed = nextFramed();
            if (framed != null) {
                return framed;
            }
            if (closed) {
                return Reply.CLOSED;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return Reply.SILENCE;
            }
            int n;
            try {
                socket.setSoTimeout((int) left);
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                return Reply.SILENCE;
            } catch (SocketException e) {
                n = -1; // reset by the peer: closed as far as we are concerned
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read from " + socket, e);
            }
            if (n < 0) {
                closed = true;
            } else {
                byte[] joined = Arrays.copyOf(pending, pending.length + n);
                System.arraycopy(chunk, 0, joined, pending.length, n);
                pending = joined;
            }
        }
    }

    /** A complete reply taken off the front of {@link #pending}, or null if none is complete yet. */
    private Reply nextFramed() {
        String text = new String(pending, StandardCharsets.ISO_8859_1); // one char per byte
        if (text.startsWith("\r\n")) {
            pending = Arrays.copyOfRange(pending, 2, pending.length);
            return Reply.PONG;
        }
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return null;
        }
        Matcher length = CONTENT_LENGTH.matcher(text.substring(0, headerEnd));
        int end = headerEnd + 4 + (length.find() ? Integer.parseInt(length.group(1)) : 0);
        if (pending.length < end) {
            return null;
        }
        byte[] wire = Arrays.copyOf(pending, end);
        pending = Arrays.copyOfRange(pending, end, pending.length);
        return new Reply.Message(SipMessage.parse(SipMessage.Direction.RECEIVED, "TCP", "", wire));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
