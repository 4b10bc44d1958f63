package io.sipcall.it;

import static org.awaitility.Awaitility.await;

import io.sipcall.app.SipCallServer;
import io.sipcall.config.ConfigLoader;
import io.sipcall.config.SipCallConfig;
import io.sipcall.it.sipp.FreePorts;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.persistence.testing.TestDatabase;
import io.sipcall.sip.B2buaStats;
import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.EndReason;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.route.ConfiguredRoutePolicy;
import io.sipcall.sip.route.DefaultRoutePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SIPCall B2BUA whose trunks, routes and other sections the test writes itself, for what
 * {@link B2buaUnderTest}'s fixed routing table cannot express: several trunks per route (failover),
 * trunk limits, the default route policy with its number handling.
 *
 * <p>The fixture writes {@code data-dir}, the {@code sip} section (127.0.0.1, one free port for UDP
 * and TCP, TLS off, the two timeouts) and {@code gateway.trusted-peers: [127.0.0.1/32]}, so SIPp
 * callers on 127.0.0.1 need no credentials; every other top-level section comes from the test.
 * Trunk keep-alives stay off (SIPp callees take an OPTIONS for a call, see the sipp README).
 */
public final class ConfiguredB2bua implements AutoCloseable {

    /** Which route policy the server is started with. */
    public enum Policy {
        /** {@link ConfiguredRoutePolicy}: the dialled number as a routing selector, sent as dialled. */
        CONFIGURED,
        /** {@link DefaultRoutePolicy}, wired as {@link SipCallServer#start(SipCallConfig)} wires it. */
        DEFAULT
    }

    private final SipCallServer server;
    private final RecordingCallSink sink = new RecordingCallSink();
    private final EventCounts counts = new EventCounts();
    private final int sipPort;

    private ConfiguredB2bua(Builder builder) {
        try {
            Path dataDir = Files.createTempDirectory("sipcall-it-");
            sipPort = FreePorts.udpAndTcp();
            Path file = dataDir.resolve("sipcall.yml");
            Files.writeString(file, """
                    data-dir: %s
                    sip:
                      bind-address: 127.0.0.1
                      udp-port: %d
                      tcp-port: %d
                      tls-port: 0
                      no-answer-timeout: %dms
                      trunk-response-timeout: %dms
                    gateway:
                      trusted-peers: [127.0.0.1/32]
                    %s
                    %s
                    """.formatted(dataDir, sipPort, sipPort, builder.noAnswerTimeout.toMillis(),
                    builder.trunkResponseTimeout.toMillis(),
                    builder.database != null ? builder.database : TestDatabase.freshCoordinates().yaml(),
                    builder.sections));
            SipCallConfig config = ConfigLoader.load(Optional.of(file), Map.of());
            CallEventSink events = CallEventSink.all(sink, counts);
            server = builder.policy == Policy.DEFAULT
                    ? SipCallServer.start(config, new DefaultRoutePolicy(config), events)
                    : SipCallServer.start(config, new ConfiguredRoutePolicy(config.routes(), config.trunks()), events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A B2BUA configured with {@code sections}: top-level YAML such as {@code trunks}, {@code routes},
     * {@code routing}, {@code toll-fraud}, {@code users} (not {@code sip}, {@code gateway} or
     * {@code data-dir}, which the fixture writes).
     */
    public static Builder with(String sections) {
        return new Builder(sections);
    }

    /** How the B2BUA is started; defaults: configured policy, 5 s no-answer and 1 s trunk-response timeouts. */
    public static final class Builder {
        private final String sections;
        private Policy policy = Policy.CONFIGURED;
        private Duration noAnswerTimeout = Duration.ofSeconds(5);
        private Duration trunkResponseTimeout = Duration.ofSeconds(1);
        private String database;

        private Builder(String sections) {
            this.sections = Objects.requireNonNull(sections, "sections");
        }

        public Builder policy(Policy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder noAnswerTimeout(Duration timeout) {
            this.noAnswerTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder trunkResponseTimeout(Duration timeout) {
            this.trunkResponseTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Uses the database of {@code coordinates} instead of a fresh one on the shared test server. */
        public Builder database(TestDatabase.Coordinates coordinates) {
            this.database = coordinates.yaml();
            return this;
        }

        /**
         * Uses the database of {@code coordinates} with {@code database.connect-timeout} and
         * {@code database.retry-interval} set: outage tests shorten both.
         */
        public Builder database(TestDatabase.Coordinates coordinates, Duration connectTimeout, Duration retryInterval) {
            this.database = coordinates.yaml() + "  connect-timeout: %dms\n  retry-interval: %dms\n"
                    .formatted(connectTimeout.toMillis(), retryInterval.toMillis());
            return this;
        }

        public ConfiguredB2bua start() {
            return new ConfiguredB2bua(this);
        }
    }

    /** The port callers send to (UDP and TCP). */
    public int sipPort() {
        return sipPort;
    }

    /** A SIPp caller scenario aimed at this B2BUA, dialling {@code number} (the Request-URI user). */
    public Sipp caller(String scenario, Sipp.Transport transport, String number) {
        return Sipp.scenario(scenario).transport(transport).remote("127.0.0.1", sipPort).service(number);
    }

    /**
     * Waits until the calls of an earlier test have ended, then forgets their events: each test sees
     * only its own calls.
     */
    public void startFresh() {
        await("earlier calls ended").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
                .until(() -> stats().activeCalls() == 0);
        sink.clear();
        counts.clear();
    }

    /** Every call's events since {@link #startFresh()}, as lines ({@code "routed trunk-a"}). */
    public RecordingCallSink events() {
        return sink;
    }

    /**
     * Waits until {@code count} events of a kind ({@code "routed"}, {@code "answered"}, ...: the first
     * word of a {@link RecordingCallSink} line) have happened since {@link #startFresh()}.
     */
    public void awaitEvents(String kind, int count, Duration timeout) {
        await(count + " " + kind + " event(s)").atMost(timeout).pollInterval(Duration.ofMillis(10))
                .until(() -> counts.of(kind) >= count);
    }

    public B2buaStats stats() {
        return server.stats();
    }

    /** The running server (its storage: call records, directory). */
    public SipCallServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }

    /** Counts events by kind, for tests that must wait for a call to reach a point. */
    private static final class EventCounts implements CallEventSink {
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        int of(String kind) {
            AtomicInteger count = counts.get(kind);
            return count == null ? 0 : count.get();
        }

        void clear() {
            counts.clear();
        }

        private void count(String kind) {
            counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void onStarted(CallId callId, CallStart start) {
            count("started");
        }

        @Override
        public void onRouted(CallId callId, RouteDecision.Target target) {
            count("routed");
        }

        @Override
        public void onRinging(CallId callId, int status, boolean earlyMedia) {
            count("ringing");
        }

        @Override
        public void onAnswered(CallId callId) {
            count("answered");
        }

        @Override
        public void onFailed(CallId callId, int status, String reason) {
            count("failed");
        }

        @Override
        public void onEnded(CallId callId, EndReason reason) {
            count("ended");
        }
    }
}
