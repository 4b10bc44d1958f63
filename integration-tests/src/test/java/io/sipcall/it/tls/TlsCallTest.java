package io.sipcall.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.it.B2buaUnderTest;
import io.sipcall.it.sipp.FreePorts;
import io.sipcall.it.sipp.SipMessage.Direction;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.it.sipp.SippResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIP over TLS on the gateway side: a JAIN-SIP UA (the stand-in for the WebRTC gateway; SIPp has no
 * TLS) calls through the B2BUA, which reaches the trunk (SIPp) over UDP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsCallTest {

    private final B2buaUnderTest b2bua = B2buaUnderTest.start();

    @BeforeEach
    void forgetEarlierCalls() {
        b2bua.startFresh();
    }

    @AfterAll
    void stop() {
        b2bua.close();
    }

    @Test
    void a_call_placed_over_tls_is_bridged_to_the_trunk(@TempDir Path work) throws Exception {
        try (SippProcess trunk = b2bua.callee("uas-answer.xml", Sipp.Transport.UDP).start();
                TlsTestUa gateway = new TlsTestUa(work, b2bua.certificate(), FreePorts.udpAndTcp())) {
            TlsTestUa.Outcome outcome = gateway.call(B2buaUnderTest.numberVia(Sipp.Transport.UDP), b2bua.tlsPort());

            SippResult callee = trunk.awaitExit(Duration.ofSeconds(20)).assertSucceeded();
            assertThat(outcome.finalStatus()).isEqualTo(200);
            assertThat(outcome.byeStatus()).isEqualTo(200);
            // Passthrough media: the gateway gets the trunk's SDP as the trunk sent it.
            assertThat(outcome.answerSdp()).isEqualTo(callee.messages().firstResponse(Direction.SENT, 200).body());
            // The trunk side knows nothing of TLS or of the gateway: the INVITE came over UDP from us.
            assertThat(callee.messages().firstRequest(Direction.RECEIVED, "INVITE").viaSentBy())
                    .containsExactly("127.0.0.1:" + b2bua.sipPort());
        }
        assertThat(b2bua.events().awaitOnlyCall(Duration.ofSeconds(10)))
                .startsWith("started TLS").endsWith("answered", "ended CALLER_HANGUP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void the_tls_listener_accepts_modern_versions(String protocol) throws Exception {
        try (SSLSocket socket = connect(protocol)) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
            assertThat(socket.getSession().getCipherSuite()).containsAnyOf("GCM", "CHACHA20");
        }
    }

    @Test
    void the_tls_listener_refuses_tls_1_1() throws Exception {
        // The JDK client may refuse TLSv1.1 before the server does; either way no TLSv1.1 session
        // can be had with the B2BUA. (The server side's refusal is proven in sip-core's TLS tests.)
        try (SSLSocket socket = connect("TLSv1.1")) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    private SSLSocket connect(String protocol) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(b2bua.certificate())) {
            trust.setCertificateEntry("b2bua", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", b2bua.tlsPort());
        socket.setSoTimeout(5000);
        socket.setEnabledProtocols(new String[] {protocol});
        return socket;
    }
}
