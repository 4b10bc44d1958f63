package io.sipcall.it.raw;

import io.sipcall.it.sipp.SipMessage;
import io.sipcall.it.sipp.Sipp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** A {@link RawSipClient} on one UDP socket: each datagram received is one reply. */
final class RawUdpClient implements RawSipClient {

    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    RawUdpClient(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
    }

    @Override
    public Sipp.Transport transport() {
        return Sipp.Transport.UDP;
    }

    @Override
    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void send(byte[] bytes) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, server));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send a datagram to " + server, e);
        }
    }

    @Override
    public Reply await(Duration timeout) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Reply.SILENCE;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot receive on UDP port " + localPort(), e);
        }
        byte[] datagram = Arrays.copyOf(buffer, packet.getLength());
        if (new String(datagram, StandardCharsets.ISO_8859_1).isBlank()) {
            return Reply.PONG;
        }
        return new Reply.Message(SipMessage.parse(SipMessage.Direction.RECEIVED, "UDP", "", datagram));
    }

    @Override
    public void close() {
        socket.close();
    }
}
