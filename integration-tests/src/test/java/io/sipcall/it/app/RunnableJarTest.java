package io.sipcall.it.app;

import static java.nio.file.attribute.PosixFilePermission.GROUP_READ;
import static java.nio.file.attribute.PosixFilePermission.GROUP_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.ConfigLoader;
import io.sipcall.config.DatabaseConfig;
import io.sipcall.it.sipp.FreePorts;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.persistence.Database;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's promise, checked on the real artefact: {@code ./mvnw -q package -DskipTests && java -jar
 * app/target/sipcall.jar} runs SIPCall on its embedded defaults. Each test starts
 * {@code app/target/sipcall.jar} as its own JVM ({@link SipCallProcess}) and talks to it from outside
 * with SIPp, TLS sockets, signals and exit statuses, as an operator would.
 *
 * <p>Every run binds 127.0.0.1 on free ports and keeps its data under a temporary directory, so no
 * test depends on 5060/5061 being free or writes into the source tree.
 */
class RunnableJarTest {

    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration EXIT = Duration.ofSeconds(15);
    private static final Duration SIPP_RUN = Duration.ofSeconds(20);
    private static final String STARTED = "SIPCall started; SIP on ";
    private static final String STOPPED = "B2BUA stopped";
    private static final String USAGE = "usage: java -jar sipcall.jar [--config FILE] [privacy export|erase USER]";
    /** HotSpot runs the shutdown hooks on SIGTERM, then halts with 128 + 15 however the hooks ended. */
    private static final int EXIT_AFTER_SIGTERM = 143;
    private static final int EXIT_CANNOT_START = 1;
    private static final int EXIT_INVALID_CONFIGURATION = 2;

    @TempDir
    Path tmp;

    @BeforeAll
    static void the_jar_is_built() {
        SipCallProcess.jar();
    }

    @Test
    void starts_on_embedded_defaults_and_answers_options() throws Exception {
        int sipPort = FreePorts.udpAndTcp();
        int tlsPort = FreePorts.udpAndTcp();
        Path workDir = Files.createDirectory(tmp.resolve("work"));
        Path dataDir = tmp.resolve("data");
        Map<String, String> env = onLoopback(sipPort, tlsPort);
        env.put("SIPCALL_DATA_DIR", dataDir.toString());

        try (SipCallProcess sipcall = SipCallProcess.start(workDir, env)) {
            assertThat(sipcall.awaitLogLine(STARTED, START))
                    .endsWith(STARTED + "{UDP=" + sipPort + ", TCP=" + sipPort + ", TLS=" + tlsPort + "}");
            assertThat(sipcall.stdout()).contains("Configuration loaded from built-in defaults");

            options(Sipp.Transport.UDP, sipPort);
            options(Sipp.Transport.TCP, sipPort);

            // The self-signed pair, generated under SIPCALL_DATA_DIR (not ./data), is what TLS presents.
            Path certificate = dataDir.resolve("tls/sip-cert.pem");
            Path key = dataDir.resolve("tls/sip-key.pem");
            X509Certificate generated = readCertificate(certificate);
            assertThat(generated.getIssuerX500Principal()).isEqualTo(generated.getSubjectX500Principal());
            generated.verify(generated.getPublicKey());
            assertThat(Files.readString(key)).contains("PRIVATE KEY-----");
            assertThat(Files.getPosixFilePermissions(key))
                    .as("permissions of %s", key)
                    .doesNotContain(GROUP_READ, GROUP_WRITE, OTHERS_READ, OTHERS_WRITE);
            assertThat(workDir.resolve("data")).doesNotExist();
            assertThat(tlsHandshakeTrusting(generated, tlsPort)).isEqualTo(generated);

            sipcall.terminate();
            assertThat(sipcall.awaitExit(EXIT)).as(sipcall.describe("exit status after SIGTERM"))
                    .isEqualTo(EXIT_AFTER_SIGTERM);
            assertThat(sipcall.logLine(STOPPED)).contains("[sipcall-shutdown]");
        }
    }

    @Test
    void takes_a_config_file_given_with_dash_dash_config() throws IOException {
        int sipPort = FreePorts.udpAndTcp();
        int tlsPort = FreePorts.udpAndTcp();
        Path dataDir = tmp.resolve("from-file");
        Path file = Files.writeString(tmp.resolve("sipcall.yml"), """
                data-dir: %s
                sip:
                  bind-address: 127.0.0.1
                  udp-port: %d
                  tcp-port: %d
                  tls-port: %d
                """.formatted(dataDir, sipPort, sipPort, tlsPort));

        try (SipCallProcess sipcall = SipCallProcess.start(tmp, Map.of(), "--config", file.toString())) {
            assertThat(sipcall.awaitLogLine(STARTED, START))
                    .endsWith(STARTED + "{UDP=" + sipPort + ", TCP=" + sipPort + ", TLS=" + tlsPort + "}");
            assertThat(sipcall.stdout()).contains("Configuration loaded from " + file + " with 0 environment override(s)");

            options(Sipp.Transport.UDP, sipPort);
            options(Sipp.Transport.TCP, sipPort);
            assertThat(dataDir.resolve("tls/sip-cert.pem")).isRegularFile();

            sipcall.terminate();
            assertThat(sipcall.awaitExit(EXIT)).isEqualTo(EXIT_AFTER_SIGTERM);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void a_bad_configuration_exits_2_naming_the_key(String what, Map<String, String> overrides, List<String> args,
            List<String> named) {
        Map<String, String> env = onLoopback(FreePorts.udpAndTcp(), FreePorts.udpAndTcp());
        env.put("SIPCALL_DATA_DIR", tmp.resolve("data").toString());
        env.putAll(overrides);

        try (SipCallProcess sipcall = SipCallProcess.start(tmp, env, args.toArray(String[]::new))) {
            int status = sipcall.awaitExit(EXIT);

            assertThat(status).as(sipcall.describe("exit status")).isEqualTo(EXIT_INVALID_CONFIGURATION);
            assertThat(sipcall.stderr()).as(sipcall.describe("stderr")).contains(named);
            assertThat(sipcall.stdout()).doesNotContain(STARTED);
            assertThat(tmp.resolve("data")).doesNotExist();
        }
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                Arguments.of("a value that is not a port", Map.of("SIPCALL_SIP_UDP_PORT", "abc"), List.of(),
                        List.of("configuration error: sip.udp-port", "'abc'")),
                Arguments.of("a variable that matches no key", Map.of("SIPCALL_SIP_UDPPORT", "5"), List.of(),
                        List.of("configuration error: SIPCALL_SIP_UDPPORT", "matches no configuration key")),
                Arguments.of("--config naming a missing file", Map.of(), List.of("--config", "/nonexistent.yml"),
                        List.of("configuration error: /nonexistent.yml", "does not exist")),
                Arguments.of("SIPCALL_CONFIG naming a missing file", Map.of("SIPCALL_CONFIG", "/nonexistent-too.yml"),
                        List.of(), List.of("configuration error: /nonexistent-too.yml", "does not exist")),
                Arguments.of("an unknown argument", Map.of(), List.of("--bogus"),
                        List.of("unknown argument: --bogus", USAGE)),
                Arguments.of("an unknown argument after the file", Map.of(),
                        List.of("--config", "/nonexistent.yml", "--bogus"), List.of("unknown argument: --bogus", USAGE)));
    }

    @Test
    void help_prints_the_options_and_exits_0_without_starting() {
        Map<String, String> env = onLoopback(FreePorts.udpAndTcp(), FreePorts.udpAndTcp());
        env.put("SIPCALL_DATA_DIR", tmp.resolve("data").toString());

        try (SipCallProcess sipcall = SipCallProcess.start(tmp, env, "--help", "--config", "/nonexistent.yml")) {
            int status = sipcall.awaitExit(EXIT);

            assertThat(status).as(sipcall.describe("exit status")).isZero();
            assertThat(sipcall.stdout()).startsWith(USAGE).contains("--config FILE", "SIPCALL_CONFIG")
                    .doesNotContain(STARTED);
            assertThat(sipcall.stderr()).isEmpty();
            assertThat(tmp.resolve("data")).doesNotExist();
        }
    }

    @Test
    void a_port_in_use_exits_1_with_a_clear_message() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.udpAndTcp()))) {
            int sipPort = taken.getLocalPort();
            Map<String, String> env = onLoopback(sipPort, FreePorts.udpAndTcp());
            env.put("SIPCALL_DATA_DIR", tmp.resolve("data").toString());
            try (SipCallProcess sipcall = SipCallProcess.start(tmp, env)) {
                int status = sipcall.awaitExit(EXIT);

                assertThat(status).as(sipcall.describe("exit status")).isEqualTo(EXIT_CANNOT_START);
                assertThat(sipcall.logLine("cannot start"))
                        .contains("ERROR", "127.0.0.1:" + sipPort, "(sip.udp-port)", "Address already in use");
                assertThat(sipcall.stdout()).doesNotContain(STARTED).doesNotContain("\tat ");
                assertThat(sipcall.stderr()).doesNotContain("\tat ");
            }
        }
    }

    /** UDP and TCP on {@code sipPort}, TLS on {@code tlsPort}, all on 127.0.0.1; a mutable map to add to. */
    @Test
    void on_embedded_defaults_a_call_leaves_a_record_in_the_data_dir_that_outlives_the_process() throws Exception {
        int sipPort = FreePorts.udpAndTcp();
        int trunkPort = FreePorts.udpAndTcp();
        Path dataDir = tmp.resolve("data");
        Map<String, String> env = onLoopback(sipPort, 0);
        env.put("SIPCALL_DATA_DIR", dataDir.toString());
        env.put("SIPCALL_TRUNKS_CALLEE_HOST", "127.0.0.1");
        env.put("SIPCALL_TRUNKS_CALLEE_PORT", Integer.toString(trunkPort));
        env.put("SIPCALL_ROUTES_0_PREFIX", "+1");
        env.put("SIPCALL_ROUTES_0_TRUNKS", "callee");
        env.put("SIPCALL_GATEWAY_TRUSTED_PEERS", "127.0.0.1/32");

        try (SipCallProcess sipcall = SipCallProcess.start(Files.createDirectory(tmp.resolve("work")), env)) {
            sipcall.awaitLogLine(STARTED, START);
            assertThat(sipcall.stdout()).contains("event=embedded-postgres-started");
            try (var callee = Sipp.scenario("uas-answer.xml").transport(Sipp.Transport.UDP).localPort(trunkPort)
                    .workDir(tmp).start()) {
                Sipp.scenario("uac-basic.xml").transport(Sipp.Transport.UDP).remote("127.0.0.1", sipPort)
                        .service("+16502530000").workDir(tmp).run(SIPP_RUN).assertSucceeded();
                callee.awaitExit(SIPP_RUN).assertSucceeded();
            }
            sipcall.terminate();
            assertThat(sipcall.awaitExit(EXIT)).isEqualTo(EXIT_AFTER_SIGTERM);
        }
        assertThat(dataDir.resolve("postgres/data/postmaster.pid")).as("the embedded server stopped with SIPCall")
                .doesNotExist();

        DatabaseConfig embedded = ConfigLoader.load(Optional.empty(), Map.of()).database();
        try (Database database = Database.open(embedded, dataDir)) {
            List<String> records = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT disposition || ' ' || hangup_side FROM calls").mapTo(String.class).list());
            assertThat(records).containsExactly("ANSWERED CALLER");
        }
    }

    private static Map<String, String> onLoopback(int sipPort, int tlsPort) {
        Map<String, String> env = new HashMap<>();
        env.put("SIPCALL_SIP_BIND_ADDRESS", "127.0.0.1");
        env.put("SIPCALL_SIP_UDP_PORT", Integer.toString(sipPort));
        env.put("SIPCALL_SIP_TCP_PORT", Integer.toString(sipPort));
        env.put("SIPCALL_SIP_TLS_PORT", Integer.toString(tlsPort));
        return env;
    }

    private void options(Sipp.Transport transport, int port) {
        Sipp.scenario("uac-options.xml").transport(transport).remote("127.0.0.1", port).service("ping")
                .workDir(tmp).run(SIPP_RUN).assertSucceeded();
    }

    private static X509Certificate readCertificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /**
     * Completes a TLS handshake with 127.0.0.1:{@code port} trusting only {@code trusted}, and returns
     * the certificate the server presented. The handshake fails unless the server presents it.
     */
    private static X509Certificate tlsHandshakeTrusting(X509Certificate trusted, int port)
            throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sipcall", trusted);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
