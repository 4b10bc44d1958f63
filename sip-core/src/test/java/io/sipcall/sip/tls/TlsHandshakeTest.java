package io.sipcall.sip.tls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.config.TlsConfig;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS handshakes on loopback against a server socket set up the way the SIP stack is: our key
 * managers, {@link TlsPolicy}'s protocol versions and cipher suites, no client certificates.
 */
class TlsHandshakeTest {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final TlsConfig DEFAULTS = new TlsConfig(Optional.empty(), Optional.empty(), null);

    @TempDir
    Path dataDir;

    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();
    private TlsMaterial material;
    private SSLServerSocket listener;

    @BeforeEach
    void listen() throws Exception {
        material = TlsMaterial.loadOrCreate(DEFAULTS, dataDir, "sip.example.org");
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(material.keyManagers(), null, null);
        listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setEnabledProtocols(TlsPolicy.enabledProtocols(DEFAULTS.protocols()).toArray(String[]::new));
        listener.setEnabledCipherSuites(TlsPolicy.enabledCipherSuites().toArray(String[]::new));
        listener.setSoTimeout(TIMEOUT_MILLIS);
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
        serverThread.shutdownNow();
    }

    @Test
    void default_protocols_negotiate_tls13_with_the_generated_certificate() throws Exception {
        Future<SSLSession> accepted = serverThread.submit(this::acceptOne);

        try (SSLSocket client = connect("TLSv1.3", "TLSv1.2")) {
            client.startHandshake();
            assertThat(client.getInputStream().read()).as("server's greeting byte").isEqualTo(1);

            assertThat(client.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(material.certificateChain().get(0));
        }
        assertThat(accepted.get(10, SECONDS).getProtocol())
                .isEqualTo("TLSv1.3");
    }

    @Test
    void tls12_client_gets_a_forward_secret_aead_suite() throws Exception {
        Future<SSLSession> accepted = serverThread.submit(this::acceptOne);

        try (SSLSocket client = connect("TLSv1.2")) {
            client.startHandshake();
            assertThat(client.getInputStream().read()).isEqualTo(1);

            assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(client.getSession().getCipherSuite()).isIn(TlsPolicy.MODERN_CIPHER_SUITES)
                    .startsWith("TLS_ECDHE_ECDSA_WITH_");
        }
        assertThat(accepted.get(10, SECONDS).getProtocol()).isEqualTo("TLSv1.2");
    }

    /**
     * A JDK 17 client refuses TLSv1.1 itself ({@code jdk.tls.disabledAlgorithms} lists it since
     * 11.0.11/16), so the handshake fails before our server is asked; on a JDK that still allows
     * it the server would refuse instead. Either way there is no TLSv1.1 session; the next test
     * proves the server's refusal on its own.
     */
    @Test
    void client_limited_to_tls11_fails_the_handshake() throws Exception {
        serverThread.submit(this::acceptOne);

        try (SSLSocket client = connect("TLSv1.1")) {
            assertThatThrownBy(client::startHandshake).isInstanceOf(SSLException.class);
        }
    }

    /** RFC 5246 7.2.2 / RFC 8446 6.2: the server answers a TLS 1.1 ClientHello with a fatal protocol_version alert. */
    @Test
    void server_answers_a_tls11_client_hello_with_a_protocol_version_alert() throws Exception {
        serverThread.submit(this::acceptOne);

        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            raw.setSoTimeout(TIMEOUT_MILLIS);
            raw.getOutputStream().write(tls11ClientHello());
            byte[] record = new byte[7];
            new DataInputStream(raw.getInputStream()).readFully(record);

            assertThat(record[0]).as("content type alert").isEqualTo((byte) 21);
            assertThat(record[5]).as("level fatal").isEqualTo((byte) 2);
            assertThat(record[6]).as("protocol_version").isEqualTo((byte) 70);
        }
    }

    private SSLSession acceptOne() throws IOException {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            // One byte lets the client finish reading the handshake (TLS 1.3 tickets) before it closes.
            socket.getOutputStream().write(1);
            socket.getOutputStream().flush();
            socket.getInputStream().read();
            return socket.getSession();
        }
    }

    /** A client that trusts exactly our certificate and checks the host name "localhost" against it. */
    private SSLSocket connect(String... protocols) throws Exception {
        SSLContext context = TestPki.clientTrusting(material.certificateChain().get(0));
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, "localhost", listener.getLocalPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(protocols);
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    /** A minimal ClientHello offering at most TLS 1.1 with two CBC suites and P-256. */
    private static byte[] tls11ClientHello() throws IOException {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        DataOutputStream body = new DataOutputStream(hello);
        body.writeShort(0x0302);                         // client_version TLS 1.1
        body.write(new byte[32]);                        // random
        body.writeByte(0);                               // session_id
        body.writeShort(4);                              // cipher_suites
        body.writeShort(0xC009);                         // TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
        body.writeShort(0x002F);                         // TLS_RSA_WITH_AES_128_CBC_SHA
        body.writeShort(0x0100);                         // compression_methods: null
        byte[] extensions = {0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17,  // supported_groups: secp256r1
                             0x00, 0x0b, 0x00, 0x02, 0x01, 0x00};             // ec_point_formats: uncompressed
        body.writeShort(extensions.length);
        body.write(extensions);

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(record);
        out.writeByte(22);                               // handshake
        out.writeShort(0x0301);
        out.writeShort(hello.size() + 4);
        out.writeByte(1);                                // client_hello
        out.writeByte(0);
        out.writeShort(hello.size());
        hello.writeTo(out);
        return record.toByteArray();
    }
}
