package io.sipcall.sip.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.config.TlsConfig;
import io.sipcall.sip.testing.CapturedLog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;

class TlsMaterialTest {

    private static final TlsConfig GENERATE = new TlsConfig(Optional.empty(), Optional.empty(), null);

    @TempDir
    Path dataDir;

    @Test
    void generation_creates_certificate_and_owner_only_key_under_the_data_dir() throws Exception {
        TlsMaterial material = TlsMaterial.loadOrCreate(GENERATE, dataDir, "sip.example.org");

        Path certificate = dataDir.resolve("tls/sip-cert.pem");
        Path key = dataDir.resolve("tls/sip-key.pem");
        assertThat(material.certificateFile()).isEqualTo(certificate.toAbsolutePath());
        assertThat(material.privateKeyFile()).isEqualTo(key.toAbsolutePath());
        assertThat(Files.readString(certificate)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        try (var files = Files.list(certificate.getParent())) {
            assertThat(files).as("no temporary files left behind").hasSize(2);
        }
    }

    @Test
    void generated_certificate_is_an_ec_p256_server_certificate_for_the_host() throws Exception {
        X509Certificate leaf = TlsMaterial.loadOrCreate(GENERATE, dataDir, "sip.example.org").certificateChain().get(0);

        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=sip.example.org");
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(
                List.of(2, "sip.example.org"), List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(825));
        assertThat(leaf.getSerialNumber().signum()).isPositive();
        leaf.verify(leaf.getPublicKey());
    }

    @Test
    void generated_certificate_for_an_ip_address_names_it_as_an_ip_entry() throws Exception {
        X509Certificate leaf = TlsMaterial.loadOrCreate(GENERATE, dataDir, "203.0.113.7").certificateChain().get(0);

        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(
                List.of(7, "203.0.113.7"), List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    }

    @Test
    void generated_certificate_is_reused_on_next_start() {
        TlsMaterial first = TlsMaterial.loadOrCreate(GENERATE, dataDir, "sip.example.org");
        TlsMaterial second = TlsMaterial.loadOrCreate(GENERATE, dataDir, "other.example.org");

        assertThat(second.sha256Fingerprint()).isEqualTo(first.sha256Fingerprint());
        assertThat(second.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void generation_logs_the_fingerprint_and_never_the_key() throws Exception {
        try (CapturedLog log = CapturedLog.capture(TlsMaterial.class, Level.DEBUG)) {
            TlsMaterial material = TlsMaterial.loadOrCreate(GENERATE, dataDir, "sip.example.org");

            String keyBase64 = Base64.getEncoder().encodeToString(
                    TestPkiKeys.privateKeyBytes(material.privateKeyFile()));
            assertThat(log.messages()).singleElement().asString()
                    .contains(material.sha256Fingerprint())
                    .doesNotContain("PRIVATE KEY")
                    .doesNotContain(keyBase64.substring(0, 40));
        }
    }

    @Test
    void configured_pem_with_pkcs8_key_and_chain_loads() throws Exception {
        TestPki.Pair issuer = TestPki.ec("Example CA");
        TestPki.Pair leaf = TestPki.rsaIssuedBy(issuer, "sip.example.org");
        Path certificate = TestPki.writeCertificates(dataDir.resolve("chain.pem"), leaf.certificate(), issuer.certificate());
        Path key = TestPki.writePkcs8(dataDir.resolve("key.pem"), leaf.keys());

        TlsMaterial material = TlsMaterial.loadOrCreate(configured(certificate, key), dataDir, "ignored");

        assertThat(material.certificateChain()).containsExactly(leaf.certificate(), issuer.certificate());
        assertThat(Files.exists(dataDir.resolve("tls"))).as("nothing generated").isFalse();
        assertServes(material, leaf.certificate());
    }

    @Test
    void chain_out_of_order_is_rejected_naming_sip_tls_certificate() throws Exception {
        TestPki.Pair issuer = TestPki.ec("Example CA");
        TestPki.Pair leaf = TestPki.rsaIssuedBy(issuer, "sip.example.org");
        Path certificate = TestPki.writeCertificates(dataDir.resolve("chain.pem"), issuer.certificate(), leaf.certificate());
        Path key = TestPki.writePkcs8(dataDir.resolve("key.pem"), leaf.keys());

        assertThatThrownBy(() -> TlsMaterial.loadOrCreate(configured(certificate, key), dataDir, "x"))
                .hasMessageStartingWith("sip.tls.certificate (" + certificate + "): certificate chain out of order");
    }

    @Test
    void configured_pem_with_traditional_rsa_key_loads() throws Exception {
        TestPki.Pair leaf = TestPki.rsa("sip.example.org");
        Path key = TestPki.writeTraditionalRsa(dataDir.resolve("key.pem"), leaf.keys());
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        TlsMaterial material = TlsMaterial.loadOrCreate(
                configured(TestPki.writeCertificates(dataDir.resolve("cert.pem"), leaf.certificate()), key), dataDir, "x");

        assertServes(material, leaf.certificate());
    }

    @Test
    void configured_pem_with_traditional_ec_key_loads() throws Exception {
        TestPki.Pair leaf = TestPki.ec("sip.example.org");
        Path key = TestPki.writeTraditionalEc(dataDir.resolve("key.pem"), leaf.keys());
        assertThat(Files.readString(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        TlsMaterial material = TlsMaterial.loadOrCreate(
                configured(TestPki.writeCertificates(dataDir.resolve("cert.pem"), leaf.certificate()), key), dataDir, "x");

        assertServes(material, leaf.certificate());
    }

    @Test
    void mismatched_key_is_rejected_naming_the_key() throws Exception {
        Path certificate = TestPki.writeCertificates(dataDir.resolve("cert.pem"), TestPki.ec("a").certificate());
        Path otherKey = TestPki.writePkcs8(dataDir.resolve("other-key.pem"), TestPki.ec("b").keys());

        assertThatThrownBy(() -> TlsMaterial.loadOrCreate(configured(certificate, otherKey), dataDir, "x"))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageStartingWith("sip.tls.private-key (" + otherKey + "): key does not match certificate");
    }

    @Test
    void key_of_another_algorithm_is_rejected_as_mismatched() throws Exception {
        Path certificate = TestPki.writeCertificates(dataDir.resolve("cert.pem"), TestPki.ec("a").certificate());
        Path rsaKey = TestPki.writePkcs8(dataDir.resolve("rsa-key.pem"), TestPki.rsa("b").keys());

        assertThatThrownBy(() -> TlsMaterial.loadOrCreate(configured(certificate, rsaKey), dataDir, "x"))
                .hasMessageContaining("sip.tls.private-key").hasMessageContaining("key does not match certificate");
    }

    @Test
    void garbage_certificate_file_is_rejected_naming_sip_tls_certificate() throws Exception {
        Path garbage = Files.writeString(dataDir.resolve("cert.pem"), "this is not a certificate\n");
        Path key = TestPki.writePkcs8(dataDir.resolve("key.pem"), TestPki.ec("a").keys());

        assertThatThrownBy(() -> TlsMaterial.loadOrCreate(configured(garbage, key), dataDir, "x"))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageStartingWith("sip.tls.certificate (" + garbage + "): no certificate in file")
                .extracting(e -> ((TlsMaterialException) e).source()).asString().startsWith("sip.tls.certificate");
    }

    @Test
    void corrupt_pem_block_is_rejected_naming_sip_tls_certificate() throws Exception {
        Path corrupt = Files.writeString(dataDir.resolve("cert.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA!!!!\n-----END CERTIFICATE-----\n");
        Path key = TestPki.writePkcs8(dataDir.resolve("key.pem"), TestPki.ec("a").keys());

        assertThatThrownBy(() -> TlsMaterial.loadOrCreate(configured(corrupt, key), dataDir, "x"))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageStartingWith("sip.tls.certificate (" + corrupt + "): not a valid PEM file");
    }

    @Test
    void missing_key_file_is_reported_unreadable() throws Exception {
        Path certificate = TestPki.writeCertificates(dataDir.resolve("cert.pem"), TestPki.ec("a").certificate());
        Path missing = dataDir.resolve("missing.pem");

        assertThatThrownBy(() -> TlsMaterial.loadOrCreate(configured(certificate, missing), dataDir, "x"))
                .hasMessage("sip.tls.private-key (" + missing + "): unreadable: the file does not exist");
    }

    @Test
    void key_file_without_a_key_is_rejected_naming_sip_tls_private_key() throws Exception {
        Path certificate = TestPki.writeCertificates(dataDir.resolve("cert.pem"), TestPki.ec("a").certificate());

        assertThatThrownBy(() -> TlsMaterial.loadOrCreate(configured(certificate, certificate), dataDir, "x"))
                .hasMessageStartingWith("sip.tls.private-key (" + certificate + "): no private key in file");
    }

    @Test
    void unsupported_key_algorithm_is_rejected_naming_sip_tls_private_key() throws Exception {
        Path certificate = TestPki.writeCertificates(dataDir.resolve("cert.pem"), TestPki.ec("a").certificate());
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);
        Path key = TestPki.writePkcs8(dataDir.resolve("dsa-key.pem"), dsa.generateKeyPair());

        assertThatThrownBy(() -> TlsMaterial.loadOrCreate(configured(certificate, key), dataDir, "x"))
                .hasMessageStartingWith("sip.tls.private-key (" + key + "): unsupported key format: DSA");
    }

    @Test
    void certificate_without_key_is_rejected_naming_the_missing_key() throws Exception {
        Path certificate = TestPki.writeCertificates(dataDir.resolve("cert.pem"), TestPki.ec("a").certificate());
        TlsConfig config = new TlsConfig(Optional.of(certificate), Optional.empty(), null);

        assertThatThrownBy(() -> TlsMaterial.loadOrCreate(config, dataDir, "x"))
                .hasMessage("sip.tls.private-key: required when sip.tls.certificate is set");
    }

    @Test
    void expired_certificate_loads_with_one_warning() throws Exception {
        TestPki.Pair old = TestPki.ec("old.example.org", Instant.parse("2020-01-01T00:00:00Z"), Duration.ofDays(90));
        Path certificate = TestPki.writeCertificates(dataDir.resolve("cert.pem"), old.certificate());
        Path key = TestPki.writePkcs8(dataDir.resolve("key.pem"), old.keys());
        Clock now = Clock.fixed(Instant.parse("2021-01-01T00:00:00Z"), ZoneOffset.UTC);

        try (CapturedLog log = CapturedLog.capture(TlsMaterial.class, Level.DEBUG)) {
            TlsMaterial.loadOrCreate(configured(certificate, key), dataDir, "x", now);

            assertThat(log.events()).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                    .extracting(e -> e.getFormattedMessage()).asString()
                    .contains("sip.tls.certificate (" + certificate + ")", "expired on 2020-03-31T00:00:00Z");
        }
    }

    private static TlsConfig configured(Path certificate, Path key) {
        return new TlsConfig(Optional.of(certificate), Optional.of(key), null);
    }

    /** The key managers offer exactly the configured leaf certificate. */
    private static void assertServes(TlsMaterial material, X509Certificate leaf) {
        KeyManager[] managers = material.keyManagers();
        X509KeyManager manager = (X509KeyManager) managers[0];
        assertThat(manager.getCertificateChain("sip")[0]).isEqualTo(leaf);
        assertThat(manager.getPrivateKey("sip").getAlgorithm()).isEqualTo(leaf.getPublicKey().getAlgorithm());
    }
}
