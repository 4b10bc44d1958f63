package io.sipcall.it.sipp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void port_can_be_bound_for_udp_and_tcp() throws IOException {
        int port = FreePorts.udpAndTcp();

        try (ServerSocket tcp = new ServerSocket();
             DatagramSocket udp = new DatagramSocket(null)) {
            tcp.bind(new InetSocketAddress("127.0.0.1", port));
            udp.bind(new InetSocketAddress("127.0.0.1", port));

            assertThat(tcp.getLocalPort()).isEqualTo(port);
            assertThat(udp.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void no_port_is_handed_out_twice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            assertThat(ports.add(FreePorts.udpAndTcp())).isTrue();
        }
    }
}
