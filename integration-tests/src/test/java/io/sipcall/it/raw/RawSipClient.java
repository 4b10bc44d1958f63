package io.sipcall.it.raw;

import io.sipcall.it.sipp.SipMessage;
import io.sipcall.it.sipp.Sipp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One plain socket towards a SIP server: it sends exactly the bytes it is given and reports what
 * comes back within a deadline. "Nothing came back" is an outcome ({@link Reply#SILENCE}), reached
 * when the socket read times out, never by sleeping.
 */
public interface RawSipClient extends AutoCloseable {

    /** A UDP socket or a TCP connection from 127.0.0.1 to {@code 127.0.0.1:port}. */
    static RawSipClient open(Sipp.Transport transport, int port) {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        try {
            return transport == Sipp.Transport.TCP ? new RawTcpClient(server) : new RawUdpClient(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a " + transport + " socket to " + server, e);
        }
    }

    Sipp.Transport transport();

    /** The local port, which a request's Via names. */
    int localPort();

    /** Sends {@code bytes} as they are: one datagram on UDP, written to the stream on TCP. */
    void send(byte[] bytes);

    default void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next thing to arrive within {@code timeout}, or {@link Reply#SILENCE}. */
    Reply await(Duration timeout);

    /** The next SIP message within {@code timeout}; anything else fails the test. */
    default SipMessage awaitMessage(Duration timeout) {
        Reply reply = await(timeout);
        if (reply instanceof Reply.Message message) {
            return message.message();
        }
        throw new AssertionError("expected a SIP message over " + transport() + " within " + timeout + ", got "
                + reply);
    }

    /** The next final (non-1xx) response within {@code timeout}, skipping provisional ones. */
    default SipMessage awaitFinalResponse(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SipMessage message = awaitMessage(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (message.isResponse() && message.statusCode() >= 200) {
                return message;
            }
        }
    }

    @Override
    void close();
}
