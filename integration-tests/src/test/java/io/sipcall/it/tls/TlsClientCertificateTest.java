package io.sipcall.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.TlsConfig;
import io.sipcall.it.B2buaUnderTest;
import io.sipcall.it.sipp.FreePorts;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.sip.tls.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A trusted peer identified by its TLS client certificate (gateway.trusted-certificates): its calls
 * need no digest. The UAs call from 127.0.0.2, which is not a trusted address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsClientCertificateTest {

    private Path trustedUaDir;
    private Path strangerDir;
    private B2buaUnderTest b2bua;

    @BeforeAll
    void start() throws Exception {
        trustedUaDir = Files.createTempDirectory("trusted-ua-");
        strangerDir = Files.createTempDirectory("stranger-ua-");
        TlsMaterial trusted = TlsMaterial.loadOrCreate(new TlsConfig(Optional.empty(), Optional.empty(), null),
                trustedUaDir, "127.0.0.2");
        b2bua = B2buaUnderTest.trustingClientCertificate(trusted.certificateFile());
    }

    @AfterAll
    void stop() {
        b2bua.close();
    }

    @Test
    void a_client_with_a_trusted_certificate_calls_without_digest() throws Exception {
        b2bua.startFresh();
        try (SippProcess trunk = b2bua.callee("uas-answer.xml", Sipp.Transport.UDP).start();
                TlsTestUa gateway = new TlsTestUa(trustedUaDir, b2bua.certificate(), "127.0.0.2", FreePorts.udpAndTcp())) {
            TlsTestUa.Outcome outcome = gateway.call(B2buaUnderTest.numberVia(Sipp.Transport.UDP), b2bua.tlsPort());

            assertThat(outcome.finalStatus()).isEqualTo(200);
            assertThat(outcome.byeStatus()).isEqualTo(200);
            trunk.awaitExit(Duration.ofSeconds(20)).assertSucceeded();
        }
        assertThat(b2bua.events().awaitOnlyCall(Duration.ofSeconds(10))).startsWith("started TLS")
                .endsWith("answered", "ended CALLER_HANGUP");
    }

    @Test
    void a_client_whose_certificate_is_not_trusted_must_authenticate_with_digest() throws Exception {
        // The listener asks for a certificate naming only the trusted issuers; the stranger's key
        // manager has none of theirs, so it connects without one and is treated like any caller.
        b2bua.startFresh();
        try (TlsTestUa stranger = new TlsTestUa(strangerDir, b2bua.certificate(), "127.0.0.2", FreePorts.udpAndTcp())) {
            TlsTestUa.Outcome outcome = stranger.call(B2buaUnderTest.numberVia(Sipp.Transport.UDP), b2bua.tlsPort());

            assertThat(outcome.finalStatus()).isEqualTo(407);
        }
        assertThat(b2bua.events().callCount()).isZero();
    }
}
