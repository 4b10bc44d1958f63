package io.sipcall.it.sipp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports free for both UDP and TCP, for SIPp and for the B2BUA under test (SIP listens on both).
 *
 * <p>A port is probed on the wildcard address, so it is free on every local address, and is handed
 * out once per JVM: two tests asking at the same time never get the same port. Another process can
 * still take it before it is bound; {@link Sipp#start()} retries in that case. Thread-safe.
 */
public final class FreePorts {

    private static final int ATTEMPTS = 100;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port on which a TCP listener and a UDP socket can both be bound right now. */
    public static int udpAndTcp() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = probe();
            if (port > 0 && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP after " + ATTEMPTS + " attempts");
    }

    /** The TCP port the kernel chose, if UDP can bind it too; 0 otherwise. */
    private static int probe() {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(false);
            tcp.bind(new InetSocketAddress(0));
            int port = tcp.getLocalPort();
            try (DatagramSocket udp = new DatagramSocket(null)) {
                udp.setReuseAddress(false);
                udp.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                return 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a TCP socket to probe for a free port", e);
        }
    }
}
