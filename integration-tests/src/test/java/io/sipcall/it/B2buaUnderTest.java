package io.sipcall.it;

import static org.awaitility.Awaitility.await;

import io.sipcall.app.SipCallServer;
import io.sipcall.config.ConfigLoader;
import io.sipcall.config.SipCallConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.it.sipp.FreePorts;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.persistence.testing.TestDatabase;
import io.sipcall.sip.B2buaStats;
import io.sipcall.sip.directory.ConfigDirectory;
import io.sipcall.sip.registration.RegistrationTimings;
import io.sipcall.sip.registration.TrunkRegistrations;
import io.sipcall.sip.route.ConfiguredRoutePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A real SIPCall B2BUA for end-to-end tests, started from a YAML file the way an admin would write
 * it. Requests from 127.0.0.1 are trusted (gateway.trusted-peers), so SIPp callers there need no
 * credentials; tests of digest authentication call from 127.0.0.2. The dialled numbers are routing
 * selectors, not real numbers, so the toll-fraud rules are off here (PolicyTest covers them). Its
 * routing table sends each test to a trunk by the dialled number's first digit:
 *
 * <ul>
 *   <li>{@code 1...}: the SIPp callee on {@link #trunkPort(Sipp.Transport)} over UDP;</li>
 *   <li>{@code 2...}: the SIPp callee over TCP;</li>
 *   <li>{@code 7...}: a UDP port where nothing listens (a silent trunk);</li>
 *   <li>{@code 9...}: the B2BUA itself (a routing loop).</li>
 * </ul>
 */
public final class B2buaUnderTest implements AutoCloseable {

    private final SipCallServer server;
    private final RecordingCallSink sink = new RecordingCallSink();
    private final Path dataDir;
    private final TestDatabase.Coordinates database;
    private final int sipPort;
    private final int tlsPort;
    private final int udpTrunkPort;
    private final int tcpTrunkPort;

    private B2buaUnderTest(Duration noAnswerTimeout, Duration trunkResponseTimeout, String extraYaml,
            String trunkAuth, Map<String, TrunkConfig> extraTrunks, RegistrationTimings registrationTimings) {
        this(noAnswerTimeout, trunkResponseTimeout, extraYaml, trunkAuth, extraTrunks, registrationTimings, "");
    }

    /** A B2BUA that trusts TLS clients presenting the certificate in {@code pem} (gateway.trusted-certificates). */
    public static B2buaUnderTest trustingClientCertificate(Path pem) {
        return new B2buaUnderTest(Duration.ofSeconds(3), Duration.ofSeconds(1), "", "", Map.of(),
                RegistrationTimings.DEFAULT, pem.toString());
    }

    private B2buaUnderTest(Duration noAnswerTimeout, Duration trunkResponseTimeout, String extraYaml,
            String trunkAuth, Map<String, TrunkConfig> extraTrunks, RegistrationTimings registrationTimings,
            String trustedCertificate) {
        try {
            dataDir = Files.createTempDirectory("sipcall-it-");
            database = TestDatabase.freshCoordinates();
            sipPort = FreePorts.udpAndTcp();
            tlsPort = FreePorts.udpAndTcp();
            udpTrunkPort = FreePorts.udpAndTcp();
            tcpTrunkPort = FreePorts.udpAndTcp();
            int silentPort = FreePorts.udpAndTcp();
            Path file = dataDir.resolve("sipcall.yml");
            Files.writeString(file, """
                    data-dir: %s
                    sip:
                      bind-address: 127.0.0.1
                      udp-port: %d
                      tcp-port: %d
                      tls-port: %d
                      no-answer-timeout: %dms
                      trunk-response-timeout: %dms
                    trunks:
                      sipp-udp: {host: 127.0.0.1, port: %d, transport: udp%s}
                      sipp-tcp: {host: 127.0.0.1, port: %d, transport: tcp}
                      silent: {host: 127.0.0.1, port: %d, transport: udp}
                      self: {host: 127.0.0.1, port: %d, transport: udp}
                    routes:
                      - {prefix: "1", trunks: [sipp-udp]}
                      - {prefix: "2", trunks: [sipp-tcp]}
                      - {prefix: "7", trunks: [silent]}
                      - {prefix: "9", trunks: [self]}
                    gateway:
                      trusted-peers: [127.0.0.1/32]
                      trusted-certificates: [%s]
                    toll-fraud:
                      enabled: false
                    %s
                    %s
                    """.formatted(dataDir, sipPort, sipPort, tlsPort, noAnswerTimeout.toMillis(),
                    trunkResponseTimeout.toMillis(), udpTrunkPort, trunkAuth, tcpTrunkPort, silentPort, sipPort,
                    trustedCertificate, database.yaml(), extraYaml));
            SipCallConfig config = ConfigLoader.load(Optional.of(file), Map.of());
            Map<String, TrunkConfig> trunks = new LinkedHashMap<>(config.trunks());
            trunks.putAll(extraTrunks);
            server = SipCallServer.start(config, new ConfigDirectory(config.users(), trunks),
                    new ConfiguredRoutePolicy(config.routes(), trunks), sink, registrationTimings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a B2BUA with a 3 s no-answer timeout and a 1 s trunk-response timeout. */
    public static B2buaUnderTest start() {
        return start(Duration.ofSeconds(3), Duration.ofSeconds(1));
    }

    public static B2buaUnderTest start(Duration noAnswerTimeout, Duration trunkResponseTimeout) {
        return new B2buaUnderTest(noAnswerTimeout, trunkResponseTimeout, "", "", Map.of(), RegistrationTimings.DEFAULT);
    }

    /** A B2BUA whose UDP trunk (numbers 1…) authenticates with digest {@code user}/{@code password}. */
    public static B2buaUnderTest withTrunkCredentials(String user, String password) {
        return new B2buaUnderTest(Duration.ofSeconds(3), Duration.ofSeconds(1), "",
                ", auth: {mode: credentials, username: " + user + ", password: " + password + "}", Map.of(),
                RegistrationTimings.DEFAULT);
    }

    /** A B2BUA whose configuration also has {@code extraYaml} (top-level sections such as users). */
    public static B2buaUnderTest withExtra(String extraYaml) {
        return new B2buaUnderTest(Duration.ofSeconds(3), Duration.ofSeconds(1), extraYaml, "", Map.of(),
                RegistrationTimings.DEFAULT);
    }

    /**
     * Starts a B2BUA that also has {@code extraTrunks}, built in the test (for settings the YAML file
     * here does not write, such as credentials and registration), with {@code registrationTimings}.
     */
    public static B2buaUnderTest startWithTrunks(Map<String, TrunkConfig> extraTrunks,
            RegistrationTimings registrationTimings) {
        return new B2buaUnderTest(Duration.ofSeconds(3), Duration.ofSeconds(1), "", "", extraTrunks,
                registrationTimings);
    }

    /** The port callers send to (UDP and TCP). */
    public int sipPort() {
        return sipPort;
    }

    public int tlsPort() {
        return tlsPort;
    }

    /** Where the SIPp callee for {@code transport} must listen. */
    public int trunkPort(Sipp.Transport transport) {
        return transport == Sipp.Transport.TCP ? tcpTrunkPort : udpTrunkPort;
    }

    /** A number that routes to the SIPp callee over {@code transport}. */
    public static String numberVia(Sipp.Transport transport) {
        return (transport == Sipp.Transport.TCP ? "2" : "1") + "5551230000";
    }

    public static final String SILENT_TRUNK_NUMBER = "75551230000";
    public static final String LOOP_NUMBER = "95551230000";

    /** A SIPp caller scenario aimed at this B2BUA. */
    public Sipp caller(String scenario, Sipp.Transport transport, String number) {
        return Sipp.scenario(scenario).transport(transport).remote("127.0.0.1", sipPort).service(number);
    }

    /** A SIPp callee scenario listening where the trunk for {@code transport} points. */
    public Sipp callee(String scenario, Sipp.Transport transport) {
        return Sipp.scenario(scenario).transport(transport).localPort(trunkPort(transport));
    }

    /**
     * Waits until the calls of an earlier test have ended, then forgets their events: each test sees
     * only its own calls.
     */
    public void startFresh() {
        await("earlier calls ended").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
                .until(() -> stats().activeCalls() == 0);
        sink.clear();
    }

    public RecordingCallSink events() {
        return sink;
    }

    /** Where gateway-side users are registered. */
    public io.sipcall.sip.port.Registrations userRegistrations() {
        return server.userRegistrations();
    }

    /** The trunk registrations and their status. */
    public TrunkRegistrations registrations() {
        return server.registrations();
    }

    /** The server's database (for assertions on its raw tables). */
    public TestDatabase.Coordinates database() {
        return database;
    }

    /** The running server (its storage: call records, directory). */
    public SipCallServer server() {
        return server;
    }

    public B2buaStats stats() {
        return server.stats();
    }

    /** The self-signed certificate the B2BUA generated for its TLS listener. */
    public Path certificate() {
        return dataDir.resolve("tls").resolve("sip-cert.pem");
    }

    /**
     * Waits until no call, dialog or transaction is left. Transactions linger for RFC 3261's
     * Timer J/K (up to 32 s on UDP) before the stack drops them, hence the bound.
     */
    public void awaitIdle() {
        await("B2BUA idle").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(this::stats, B2buaStats::idle);
    }

    @Override
    public void close() {
        server.close();
    }
}
