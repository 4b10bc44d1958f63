package io.sipcall.it.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.it.ConfiguredB2bua;
import io.sipcall.it.sipp.FreePorts;
import io.sipcall.it.sipp.SipMessage;
import io.sipcall.it.sipp.SipMessage.Direction;
import io.sipcall.it.sipp.SipMessages;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.Sipp.Transport;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.it.sipp.SippResult;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Failover between the trunks of a route, with two real SIPp trunks: A (first in every route) and
 * B (the next). A 408, a 5xx, a silent trunk or a refused connection moves on to B; early media
 * that already reached the caller, 486, 487, 600 and 603 do not. A trunk at its channel or call-rate
 * limit is skipped; with none left the caller gets 503.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverTest {

    private static final Duration RUN = Duration.ofSeconds(20);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final int EARLY_MEDIA_CALLS = 100;
    private static final String ALL_AT_LIMITS = "Service Unavailable: all trunks at their limits";

    private final int portA = FreePorts.udpAndTcp();
    private final int portB = FreePorts.udpAndTcp();
    /** Where nothing listens: silent over UDP, connection refused over TCP. */
    private final int deadPort = FreePorts.udpAndTcp();

    private final ConfiguredB2bua b2bua = startB2bua();

    private ConfiguredB2bua startB2bua() {
        return ConfiguredB2bua.with("""
            trunks:
              a-udp: {host: 127.0.0.1, port: %1$d, transport: udp}
              b-udp: {host: 127.0.0.1, port: %2$d, transport: udp}
              a-tcp: {host: 127.0.0.1, port: %1$d, transport: tcp}
              b-tcp: {host: 127.0.0.1, port: %2$d, transport: tcp}
              silent-udp: {host: 127.0.0.1, port: %3$d, transport: udp}
              closed-tcp: {host: 127.0.0.1, port: %3$d, transport: tcp}
              one-channel: {host: 127.0.0.1, port: %1$d, transport: udp, max-channels: 1}
              one-per-second: {host: 127.0.0.1, port: %1$d, transport: udp, max-calls-per-second: "1"}
            routes:
              - {prefix: "11", trunks: [a-udp, b-udp]}
              - {prefix: "12", trunks: [a-tcp, b-tcp]}
              - {prefix: "13", trunks: [silent-udp, b-udp]}
              - {prefix: "14", trunks: [closed-tcp, b-tcp]}
              - {prefix: "15", trunks: [one-channel, b-udp]}
              - {prefix: "16", trunks: [one-per-second]}
            toll-fraud:
              enabled: false
            """.formatted(portA, portB, deadPort)).start();
    }

    @BeforeEach
    void forgetEarlierCalls() {
        b2bua.startFresh();
    }

    @AfterAll
    void stop() {
        b2bua.close();
    }

    /** The number whose route is A then B over {@code transport}. */
    private static String viaAThenB(Transport transport) {
        return (transport == Transport.TCP ? "12" : "11") + "5550100";
    }

    private static String trunkName(char trunk, Transport transport) {
        return trunk + "-" + transport.name().toLowerCase(Locale.ROOT);
    }

    private Sipp trunkA(String scenario, Transport transport) {
        return Sipp.scenario(scenario).transport(transport).localPort(portA);
    }

    private Sipp trunkB(String scenario, Transport transport) {
        return Sipp.scenario(scenario).transport(transport).localPort(portB);
    }

    private static Sipp rejecting(Sipp trunk, int status, String reason) {
        return trunk.templateParam("status", Integer.toString(status)).templateParam("reason", reason);
    }

    private static int invites(SippResult trunk) {
        return trunk.messagesLog().map(SipMessages::parse)
                .map(messages -> messages.requests(Direction.RECEIVED, "INVITE").size()).orElse(0);
    }

    /** Ends a trunk that must have stayed idle, once the call it must not have seen has ended. */
    private static SippResult stopIdle(SippProcess trunk) {
        trunk.kill();
        return trunk.awaitExit(RUN);
    }

    private static List<Integer> finalStatuses(SippResult caller) {
        return caller.messages().received().stream().filter(SipMessage::isResponse)
                .filter(m -> m.method().equals("INVITE")).map(SipMessage::statusCode).filter(s -> s >= 200).toList();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void a_503_from_the_first_trunk_fails_over_to_the_second(Transport transport) throws InterruptedException {
        SippResult a;
        SippResult b;
        SippResult caller;
        try (SippProcess trunkA = rejecting(trunkA("uas-reject.xml", transport), 503, "Service Unavailable").start();
                SippProcess trunkB = trunkB("uas-answer.xml", transport).start()) {
            caller = b2bua.caller("uac-basic.xml", transport, viaAThenB(transport)).run(RUN).assertSucceeded();
            a = trunkA.awaitExit(RUN).assertSucceeded();
            b = trunkB.awaitExit(RUN).assertSucceeded();
        }

        assertThat(invites(a)).isEqualTo(1);
        assertThat(invites(b)).isEqualTo(1);
        assertThat(finalStatuses(caller)).as("the caller sees only the answer").containsExactly(200);
        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).containsExactly("started " + transport.name(),
                "routed " + trunkName('a', transport), "routed " + trunkName('b', transport),
                "ringing 180", "answered", "ended CALLER_HANGUP");
    }

    @ParameterizedTest
    @CsvSource({"408, Request Timeout", "500, Server Internal Error", "502, Bad Gateway", "504, Server Time-out"})
    void a_408_or_any_other_5xx_fails_over_too(int status, String reason) throws InterruptedException {
        try (SippProcess trunkA = rejecting(trunkA("uas-reject.xml", Transport.UDP), status, reason).start();
                SippProcess trunkB = trunkB("uas-answer.xml", Transport.UDP).start()) {
            b2bua.caller("uac-basic.xml", Transport.UDP, viaAThenB(Transport.UDP)).run(RUN).assertSucceeded();
            trunkA.awaitExit(RUN).assertSucceeded();
            trunkB.awaitExit(RUN).assertSucceeded();
        }

        assertThat(b2bua.events().awaitOnlyCall(SETTLE))
                .containsSubsequence("routed a-udp", "routed b-udp", "answered", "ended CALLER_HANGUP");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void a_503_from_the_last_trunk_reaches_the_caller_as_500(Transport transport) throws InterruptedException {
        SippResult caller;
        try (SippProcess trunkA = rejecting(trunkA("uas-reject.xml", transport), 503, "Service Unavailable").start();
                SippProcess trunkB = rejecting(trunkB("uas-reject.xml", transport), 503, "Service Unavailable").start()) {
            caller = b2bua.caller("uac-expect-status.xml", transport, viaAThenB(transport))
                    .templateParam("status", "500").run(RUN).assertSucceeded();
            assertThat(invites(trunkA.awaitExit(RUN).assertSucceeded())).isEqualTo(1);
            assertThat(invites(trunkB.awaitExit(RUN).assertSucceeded())).isEqualTo(1);
        }

        assertThat(finalStatuses(caller)).containsExactly(500);
        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).containsSubsequence(
                "routed " + trunkName('a', transport), "routed " + trunkName('b', transport), "failed 500");
    }

    /**
     * Trunk A sends 183 with SDP and then 503 at once, call after call: the 183 reaches the caller, so
     * none of these calls may fail over to B, however close behind the 183 the 503 arrives.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void no_failover_once_early_media_reached_the_caller(Transport transport) throws InterruptedException {
        SippResult caller;
        SippResult a;
        SippResult b;
        // A B2BUA of its own: calls that wrongly fail over are left hanging for half a minute, which
        // must not hold up the other tests.
        try (ConfiguredB2bua own = startB2bua();
                SippProcess trunkA = rejecting(trunkA("uas-early-media-then-reject.xml", transport), 503,
                        "Service Unavailable").calls(EARLY_MEDIA_CALLS).start();
                SippProcess trunkB = trunkB("uas-answer.xml", transport).calls(EARLY_MEDIA_CALLS).start()) {
            caller = own.caller("uac-expect-status.xml", transport, viaAThenB(transport))
                    .templateParam("status", "500").calls(EARLY_MEDIA_CALLS).callLimit(1)
                    .rate(100, Duration.ofSeconds(1)).run(RUN);
            a = trunkA.awaitExit(RUN);
            b = stopIdle(trunkB);

            assertThat(invites(b)).as("INVITEs failed over to trunk B after trunk A's 183 with SDP; the caller's"
                    + " final responses were %s", finalStatuses(caller)).isZero();
            caller.assertSucceeded();
            assertThat(invites(a.assertSucceeded())).isEqualTo(EARLY_MEDIA_CALLS);
            assertThat(caller.messages().responses(Direction.RECEIVED, 183)).hasSize(EARLY_MEDIA_CALLS)
                    .allSatisfy(progress -> assertThat(progress.body()).contains("m=audio"));
            assertThat(finalStatuses(caller)).hasSize(EARLY_MEDIA_CALLS).containsOnly(500);
            assertThat(own.events().awaitEnded(EARLY_MEDIA_CALLS, SETTLE)).allSatisfy(events -> assertThat(events)
                    .containsExactly("started " + transport.name(), "routed " + trunkName('a', transport),
                            "ringing 183 early-media", "failed 500", "ended REJECTED"));
        }
    }

    @ParameterizedTest
    @CsvSource({"UDP, 486, Busy Here", "TCP, 486, Busy Here", "UDP, 487, Request Terminated",
            "UDP, 600, Busy Everywhere", "UDP, 603, Decline"})
    void busy_and_decline_are_relayed_as_they_are_without_failover(Transport transport, int status, String reason)
            throws InterruptedException {
        SippResult caller;
        SippResult b;
        try (SippProcess trunkA = rejecting(trunkA("uas-reject.xml", transport), status, reason).start();
                SippProcess trunkB = trunkB("uas-answer.xml", transport).start()) {
            caller = b2bua.caller("uac-expect-status.xml", transport, viaAThenB(transport))
                    .templateParam("status", Integer.toString(status)).run(RUN).assertSucceeded();
            assertThat(invites(trunkA.awaitExit(RUN).assertSucceeded())).isEqualTo(1);
            assertThat(b2bua.events().awaitOnlyCall(SETTLE)).containsExactly("started " + transport.name(),
                    "routed " + trunkName('a', transport), "failed " + status, "ended REJECTED");
            b = stopIdle(trunkB);
        }

        assertThat(caller.messages().firstResponse(Direction.RECEIVED, status).startLine())
                .isEqualTo("SIP/2.0 " + status + " " + reason);
        assertThat(invites(b)).as("INVITEs at trunk B").isZero();
    }

    /** UDP: nothing answers, the trunk-response timeout gives A up. TCP: A refuses the connection. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void a_trunk_that_cannot_be_reached_is_passed_over_for_the_next(Transport transport) throws InterruptedException {
        String dead = transport == Transport.TCP ? "closed-tcp" : "silent-udp";
        String number = (transport == Transport.TCP ? "14" : "13") + "5550100";
        try (SippProcess trunkB = trunkB("uas-answer.xml", transport).start()) {
            b2bua.caller("uac-basic.xml", transport, number).run(RUN).assertSucceeded();
            assertThat(invites(trunkB.awaitExit(RUN).assertSucceeded())).isEqualTo(1);
        }

        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).containsExactly("started " + transport.name(),
                "routed " + dead, "routed " + trunkName('b', transport), "ringing 180", "answered",
                "ended CALLER_HANGUP");
    }

    @Test
    void a_trunk_at_its_channel_limit_is_skipped_for_the_next() throws InterruptedException {
        String number = "155550100";
        SippResult a;
        SippResult b;
        try (SippProcess trunkA = trunkA("uas-answer.xml", Transport.UDP).start();
                SippProcess trunkB = trunkB("uas-answer.xml", Transport.UDP).start();
                SippProcess holding = b2bua.caller("uac-basic.xml", Transport.UDP, number)
                        .pause(Duration.ofSeconds(3)).start()) {
            b2bua.awaitEvents("answered", 1, SETTLE);

            b2bua.caller("uac-basic.xml", Transport.UDP, number).run(RUN).assertSucceeded();

            holding.awaitExit(RUN).assertSucceeded();
            a = trunkA.awaitExit(RUN).assertSucceeded();
            b = trunkB.awaitExit(RUN).assertSucceeded();
        }

        assertThat(invites(a)).isEqualTo(1);
        assertThat(invites(b)).isEqualTo(1);
        // The trunks send 180 and 200 back to back; over UDP the stack may hand the 200 over first, and
        // the late 180 is then rightly ignored. What counts here is which trunk each call went to.
        List<List<String>> calls = b2bua.events().awaitEnded(2, SETTLE);
        assertThat(withoutRinging(calls.get(0))).containsExactly("started UDP", "routed one-channel", "answered",
                "ended CALLER_HANGUP");
        assertThat(withoutRinging(calls.get(1))).containsExactly("started UDP", "routed b-udp", "answered",
                "ended CALLER_HANGUP");
    }

    /**
     * One call a second on the route's only trunk: the first call takes the second's token, the next
     * two, placed 100 ms apart right after it was routed, find none and no other trunk.
     */
    @Test
    void calls_over_the_trunk_call_rate_get_503_when_no_trunk_is_left() throws InterruptedException {
        String number = "165550100";
        SippResult first;
        SippResult refused;
        SippResult a;
        try (SippProcess trunkA = trunkA("uas-answer.xml", Transport.UDP).start();
                SippProcess firstCall = b2bua.caller("uac-basic.xml", Transport.UDP, number).start()) {
            b2bua.awaitEvents("routed", 1, SETTLE);
            long routed = System.nanoTime();

            refused = b2bua.caller("uac-expect-status.xml", Transport.UDP, number).templateParam("status", "503")
                    .calls(2).rate(10, Duration.ofSeconds(1)).run(RUN);
            Duration took = Duration.ofNanos(System.nanoTime() - routed);
            assertThat(took).as("calls 2 and 3 ran within the second after call 1").isLessThan(Duration.ofSeconds(1));
            refused.assertSucceeded();

            first = firstCall.awaitExit(RUN).assertSucceeded();
            a = trunkA.awaitExit(RUN).assertSucceeded();
        }

        assertThat(invites(a)).as("INVITEs at the trunk").isEqualTo(1);
        assertThat(finalStatuses(first)).containsExactly(200);
        assertThat(refused.messages().received().stream().filter(SipMessage::isResponse)
                .filter(m -> m.statusCode() >= 200).map(SipMessage::startLine))
                .containsExactly("SIP/2.0 503 " + ALL_AT_LIMITS, "SIP/2.0 503 " + ALL_AT_LIMITS);
        List<List<String>> calls = b2bua.events().awaitEnded(3, SETTLE);
        assertThat(calls.get(0)).containsExactly("started UDP", "routed one-per-second", "ringing 180", "answered",
                "ended CALLER_HANGUP");
        assertThat(calls.subList(1, 3)).containsOnly(List.of("started UDP", "failed 503", "ended REFUSED"));
    }

    private static List<String> withoutRinging(List<String> events) {
        return events.stream().filter(event -> !event.startsWith("ringing")).toList();
    }
}
