package io.sipcall.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.Transport;
import io.sipcall.sip.port.Body;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.MediaSession;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RoutePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.trunk.TrunkLimiter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Failover across a route's trunks and the trunks' limits, driven through fake legs. */
class B2buaCallFailoverTest extends CallTestSupport {

    private static final RoutePolicy TWO_TRUNKS = request -> new RouteDecision.Route(List.of(
            new RouteDecision.Target("telnyx", "192.0.2.10", 5060, Transport.UDP, request.dialled()),
            new RouteDecision.Target("voipms", "192.0.2.20", 5060, Transport.UDP, request.dialled())));

    private final FakeLegs.Callee second = new FakeLegs.Callee();

    private B2buaCall twoTrunkCall(TrunkLimiter limiter) {
        return newCall(caller, TWO_TRUNKS, new Relabelling(), sink, timers, limiter, callee, second);
    }

    @Test
    void a_503_from_the_first_trunk_fails_over_to_the_second() {
        B2buaCall call = twoTrunkCall(NO_LIMITS);

        call.onCalleeRejected(503, "Service Unavailable");
        assertThat(second.commands).containsExactly("invite voipms +15551230000 from=alice offer>callee mf=69");
        assertThat(caller.commands).isEmpty();

        call.onCalleeAnswered(sdp("answer"));
        assertThat(caller.commands).containsExactly("answer answer>caller");
        assertThat(sink.events).containsExactly("started", "routed telnyx", "routed voipms", "answered");
    }

    @Test
    void timeouts_408_and_transport_errors_fail_over() {
        B2buaCall silent = twoTrunkCall(NO_LIMITS);
        timers.fire(TRUNK_TIMEOUT);
        assertThat(callee.commands).endsWith("abandon");
        assertThat(second.commands).hasSize(1);
        assertThat(silent.state()).isEqualTo(CallState.CALLING);

        FakeLegs.Callee a = new FakeLegs.Callee();
        FakeLegs.Callee b = new FakeLegs.Callee();
        B2buaCall unreachable = newCall(new FakeLegs.Caller(sdp("o"), 70), TWO_TRUNKS, new Relabelling(),
                new RecordingSink(), new ManualTimers(), NO_LIMITS, a, b);
        unreachable.onCalleeUnreachable(true);
        assertThat(b.commands).hasSize(1);
    }

    @Test
    void busy_and_declined_never_fail_over() {
        for (int status : new int[] {486, 487, 600, 603, 404}) {
            FakeLegs.Caller from = new FakeLegs.Caller(sdp("o"), 70);
            FakeLegs.Callee a = new FakeLegs.Callee();
            FakeLegs.Callee b = new FakeLegs.Callee();
            B2buaCall call = newCall(from, TWO_TRUNKS, new Relabelling(), new RecordingSink(), new ManualTimers(),
                    NO_LIMITS, a, b);
            call.onCalleeRejected(status, "No");
            assertThat(b.commands).as("status %d", status).isEmpty();
            assertThat(from.commands).as("status %d", status).hasSize(1);
            assertThat(call.state()).isEqualTo(CallState.ENDED);
        }
    }

    @Test
    void no_failover_once_early_media_reached_the_caller() {
        B2buaCall call = twoTrunkCall(NO_LIMITS);
        call.onCalleeProvisional(183, "Session Progress", sdp("early"));

        call.onCalleeRejected(503, "Service Unavailable");

        assertThat(second.commands).isEmpty();
        assertThat(caller.commands).endsWith("reject 500 Trunk Unavailable");
        assertThat(call.state()).isEqualTo(CallState.ENDED);
    }

    @Test
    void early_media_still_in_the_anchor_when_the_trunk_fails_blocks_failover() {
        // An anchor that has not finished with the 183's SDP when the 503 arrives.
        CompletableFuture<Body> pending = new CompletableFuture<>();
        MediaSession slow = new Relabelling() {
            @Override
            public CompletionStage<Body> towardsCaller(Body fromCallee) {
                return pending;
            }
        };
        B2buaCall call = newCall(caller, TWO_TRUNKS, slow, sink, timers, NO_LIMITS, callee, second);
        call.onCalleeProvisional(183, "Session Progress", sdp("early"));

        call.onCalleeRejected(503, "Service Unavailable");
        pending.complete(new Body(Body.SDP, "early>caller".getBytes(StandardCharsets.UTF_8)));

        assertThat(second.commands).isEmpty();
        // The failure waits for the 183 ahead of it: the caller hears them in the trunk's order.
        assertThat(caller.commands).containsExactly("provisional 183 early>caller", "reject 500 Trunk Unavailable");
    }

    @Test
    void ringing_without_media_still_allows_failover() {
        B2buaCall call = twoTrunkCall(NO_LIMITS);
        call.onCalleeProvisional(180, "Ringing", Optional.empty());

        call.onCalleeRejected(500, "Server Internal Error");

        assertThat(second.commands).hasSize(1);
    }

    @Test
    void the_last_trunk_failing_relays_its_failure() {
        B2buaCall call = twoTrunkCall(NO_LIMITS);
        call.onCalleeRejected(503, "Service Unavailable");
        call.onCalleeRejected(408, "Request Timeout");

        assertThat(caller.commands).containsExactly("reject 408 Request Timeout");
        assertThat(call.state()).isEqualTo(CallState.ENDED);
    }

    @Test
    void a_trunk_at_its_channel_limit_is_skipped_and_none_left_is_503() {
        TrunkConfig oneChannel = new TrunkConfig(TrunkConfig.TrunkPreset.GENERIC, "192.0.2.10", 5060, Transport.UDP,
                Optional.empty(), TrunkConfig.TrunkAuth.IP, TrunkConfig.RegistrationConfig.OFF,
                TrunkConfig.NumberFormat.E164_PLUS, "", Optional.empty(), 0, 1, 0);
        TrunkLimiter limiter = new TrunkLimiter(Map.of("telnyx", oneChannel, "voipms", oneChannel));
        assertThat(limiter.tryAcquire("telnyx")).isTrue();

        twoTrunkCall(limiter);
        assertThat(callee.commands).containsExactly("invite voipms +15551230000 from=alice offer>callee mf=69");

        FakeLegs.Caller third = new FakeLegs.Caller(sdp("o"), 70);
        B2buaCall refused = newCall(third, TWO_TRUNKS, new Relabelling(), new RecordingSink(), new ManualTimers(),
                limiter, new FakeLegs.Callee());
        assertThat(third.commands).containsExactly("reject 503 Service Unavailable: all trunks at their limits");
        assertThat(refused.state()).isEqualTo(CallState.ENDED);
    }

    @Test
    void a_trunk_channel_is_given_back_when_the_call_ends() {
        TrunkConfig oneChannel = new TrunkConfig(TrunkConfig.TrunkPreset.GENERIC, "192.0.2.10", 5060, Transport.UDP,
                Optional.empty(), TrunkConfig.TrunkAuth.IP, TrunkConfig.RegistrationConfig.OFF,
                TrunkConfig.NumberFormat.E164_PLUS, "", Optional.empty(), 0, 1, 0);
        TrunkLimiter limiter = new TrunkLimiter(Map.of("telnyx", oneChannel));
        B2buaCall call = newCall(caller, TO_TRUNK, new Relabelling(), sink, timers, limiter, callee);
        assertThat(limiter.channelsInUse("telnyx")).isEqualTo(1);
        call.onCalleeAnswered(sdp("a"));
        call.onCallerAck(Optional.empty());
        call.onBye(Side.CALLER);
        call.onLegGone(Side.CALLEE);

        assertThat(limiter.channelsInUse("telnyx")).isZero();
    }

    @Test
    void the_caller_id_of_the_target_is_used_as_from() {
        RoutePolicy withCallerId = request -> RouteDecision.Route.to(new RouteDecision.Target("telnyx", "192.0.2.10",
                5060, Transport.UDP, request.dialled(), Optional.of("+15559990000"), Optional.empty()));
        call(withCallerId, new Relabelling());

        assertThat(callee.commands).containsExactly("invite telnyx +15551230000 from=+15559990000 offer>callee mf=69");
    }

}
