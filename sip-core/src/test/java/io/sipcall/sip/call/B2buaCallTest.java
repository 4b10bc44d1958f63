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

/** The bridging rules of one call, driven through fake legs: no network, no threads. */
class B2buaCallTest extends CallTestSupport {

    private B2buaCall answered() {
        B2buaCall call = call();
        call.onCalleeAnswered(sdp("answer"));
        call.onCallerAck(Optional.empty());
        return call;
    }

    @Test
    void routes_the_call_and_invites_the_callee_with_max_forwards_decremented() {
        B2buaCall call = call();

        assertThat(callee.commands).containsExactly("invite telnyx +15551230000 from=alice offer>callee mf=69");
        assertThat(call.state()).isEqualTo(CallState.CALLING);
        assertThat(sink.events).containsExactly("started", "routed telnyx");
        assertThat(timers.fire(TRUNK_TIMEOUT)).isEqualTo(1);
    }

    @Test
    void a_refused_call_gets_the_policy_status_and_never_reaches_a_trunk() {
        B2buaCall call = call(request -> new RouteDecision.Reject(403, "Destination Not Allowed"), new Relabelling());

        assertThat(caller.commands).containsExactly("reject 403 Destination Not Allowed");
        assertThat(callee.commands).isEmpty();
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(sink.events).containsExactly("started", "failed 403", "ended REFUSED");
    }

    @Test
    void a_failing_policy_is_a_500_not_a_stuck_call() {
        B2buaCall call = call(request -> {
            throw new IllegalStateException("boom");
        }, new Relabelling());

        assertThat(caller.commands).containsExactly("reject 500 Routing Failed");
        assertThat(call.state()).isEqualTo(CallState.ENDED);
    }

    @Test
    void ringing_and_early_media_are_relayed_through_the_media_anchor() {
        B2buaCall call = call();

        call.onCalleeProvisional(180, "Ringing", Optional.empty());
        call.onCalleeProvisional(183, "Session Progress", sdp("early"));

        assertThat(caller.commands).containsExactly("provisional 180 -", "provisional 183 early>caller");
        assertThat(call.state()).isEqualTo(CallState.EARLY);
        assertThat(sink.events).contains("ringing 180", "ringing 183 early-media");
    }

    @Test
    void the_answer_reaches_the_caller_and_the_ack_goes_end_to_end() {
        B2buaCall call = call();

        call.onCalleeAnswered(sdp("answer"));
        assertThat(caller.commands).containsExactly("answer answer>caller");
        assertThat(call.state()).isEqualTo(CallState.ANSWERED);

        call.onCallerAck(Optional.empty());
        assertThat(callee.commands).endsWith("ack -");
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        assertThat(sink.events).contains("answered");
    }

    @Test
    void a_delayed_offer_answer_travels_in_the_ack() {
        FakeLegs.Caller delayed = new FakeLegs.Caller(Optional.empty(), 70);
        B2buaCall call = newCall(delayed, TO_TRUNK, new Relabelling(), sink, timers, NO_LIMITS, callee);
        call.onCalleeAnswered(sdp("offer-from-callee"));
        call.onCallerAck(sdp("answer-from-caller"));

        assertThat(callee.commands).containsExactly("invite telnyx +15551230000 from=alice - mf=69",
                "ack answer-from-caller>callee");
    }

    @Test
    void callee_failures_are_relayed_with_a_sane_mapping() {
        assertThat(rejectedWith(486, "Busy Here")).isEqualTo("reject 486 Busy Here");
        assertThat(rejectedWith(600, "Busy Everywhere")).isEqualTo("reject 600 Busy Everywhere");
        assertThat(rejectedWith(603, "Decline")).isEqualTo("reject 603 Decline");
        assertThat(rejectedWith(503, "Service Unavailable")).isEqualTo("reject 500 Trunk Unavailable");
        assertThat(rejectedWith(302, "Moved Temporarily")).isEqualTo("reject 480 Temporarily Unavailable");
        assertThat(rejectedWith(407, "Proxy Authentication Required")).isEqualTo("reject 503 Trunk Authentication Failed");
    }

    private String rejectedWith(int status, String reason) {
        FakeLegs.Caller fresh = new FakeLegs.Caller(sdp("offer"), 70);
        B2buaCall call = newCall(fresh, TO_TRUNK, new Relabelling(), new RecordingSink(), new ManualTimers(),
                NO_LIMITS, new FakeLegs.Callee());
        call.onCalleeRejected(status, reason);
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        return fresh.commands.get(fresh.commands.size() - 1);
    }

    @Test
    void caller_cancel_gets_487_and_cancels_the_callee_and_the_call_ends_when_the_callee_confirms() {
        B2buaCall call = call();
        call.onCalleeProvisional(180, "Ringing", Optional.empty());

        call.onCallerCancel();
        assertThat(caller.commands).endsWith("reject 487 Request Terminated");
        assertThat(callee.commands).endsWith("cancel");
        assertThat(call.state()).isEqualTo(CallState.CANCELLING);

        call.onCalleeRejected(487, "Request Terminated");
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(sink.events).endsWith("failed 487", "ended CALLER_CANCELLED");
        assertThat(endedCallbacks).hasValue(1);
    }

    @Test
    void an_answer_crossing_the_cancel_is_acknowledged_and_hung_up() {
        B2buaCall call = call();
        call.onCalleeProvisional(180, "Ringing", Optional.empty());
        call.onCallerCancel();

        call.onCalleeAnswered(sdp("answer"));

        assertThat(callee.commands).endsWith("cancel", "ack -", "hangUp");
        assertThat(caller.commands).doesNotContain("answer answer>caller");
        call.onLegGone(Side.CALLEE);
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(sink.events).endsWith("ended CALLER_CANCELLED");
    }

    @Test
    void no_answer_timeout_cancels_the_callee_and_tells_the_caller_480() {
        B2buaCall call = call();
        call.onCalleeProvisional(180, "Ringing", Optional.empty());

        assertThat(timers.fire(NO_ANSWER)).isEqualTo(1);

        assertThat(caller.commands).endsWith("reject 480 Temporarily Unavailable");
        assertThat(callee.commands).endsWith("cancel");
        call.onCalleeRejected(487, "Request Terminated");
        assertThat(sink.events).endsWith("ended NO_ANSWER");
    }

    @Test
    void a_silent_trunk_is_a_408_and_its_invite_is_abandoned_at_once() {
        B2buaCall call = call();

        assertThat(timers.fire(TRUNK_TIMEOUT)).isEqualTo(1);

        assertThat(caller.commands).containsExactly("reject 408 Request Timeout");
        assertThat(callee.commands).endsWith("abandon");
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(sink.events).endsWith("failed 408", "ended TRUNK_TIMEOUT");
        assertThat(timers.fire(NO_ANSWER)).isZero();
    }

    @Test
    void the_trunk_timer_stops_at_the_first_response_even_100_trying() {
        B2buaCall call = call();
        call.onCalleeTrying();

        assertThat(timers.fire(TRUNK_TIMEOUT)).isZero();
        assertThat(call.state()).isEqualTo(CallState.CALLING);
    }

    @Test
    void bye_from_the_caller_hangs_up_the_callee_and_the_call_ends_once_both_are_gone() {
        B2buaCall call = answered();

        call.onBye(Side.CALLER);
        assertThat(callee.commands).endsWith("hangUp");
        assertThat(call.state()).isEqualTo(CallState.TERMINATING);

        call.onLegGone(Side.CALLEE);
        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(sink.events).endsWith("ended CALLER_HANGUP");
    }

    @Test
    void bye_from_the_callee_hangs_up_the_caller() {
        B2buaCall call = answered();

        call.onBye(Side.CALLEE);
        call.onLegGone(Side.CALLER);

        assertThat(caller.commands).endsWith("hangUp");
        assertThat(sink.events).endsWith("ended CALLEE_HANGUP");
        assertThat(endedCallbacks).hasValue(1);
    }

    @Test
    void a_reinvite_is_relayed_both_ways_and_its_ack_follows() {
        B2buaCall call = answered();
        FakeRequest hold = new FakeRequest("INVITE", sdp("sendonly"), 70);

        call.onRequest(Side.CALLER, hold);
        assertThat(callee.commands).endsWith("send INVITE sendonly>callee mf=69");

        callee.respondToLast(200, "OK", sdp("recvonly"));
        assertThat(hold.responses).containsExactly("200 recvonly>caller");

        call.onReinviteAck(Side.CALLER, Optional.empty());
        assertThat(callee.commands).endsWith("ackReinvite -");
    }

    @Test
    void info_is_relayed_with_its_body_unchanged_in_type() {
        B2buaCall call = answered();
        FakeRequest info = new FakeRequest("INFO",
                Optional.of(new Body("application/dtmf-relay", "Signal=5".getBytes(StandardCharsets.UTF_8))), 70);

        call.onRequest(Side.CALLEE, info);
        caller.respondToLast(200, "OK", Optional.empty());

        assertThat(caller.commands).endsWith("send INFO Signal=5>caller mf=69");
        assertThat(info.responses).containsExactly("200 -");
    }

    @Test
    void a_second_offer_while_one_is_in_flight_gets_491() {
        B2buaCall call = answered();
        call.onRequest(Side.CALLER, new FakeRequest("INVITE", sdp("hold"), 70));
        FakeRequest glare = new FakeRequest("UPDATE", sdp("other"), 70);

        call.onRequest(Side.CALLEE, glare);

        assertThat(glare.responses).containsExactly("491 -");
    }

    @Test
    void in_dialog_requests_before_confirmation_get_491_and_with_no_hops_left_483() {
        B2buaCall early = call();
        FakeRequest tooEarly = new FakeRequest("INFO", Optional.empty(), 70);
        early.onRequest(Side.CALLEE, tooEarly);
        assertThat(tooEarly.responses).containsExactly("491 -");

        B2buaCall up = answeredFresh();
        FakeRequest noHops = new FakeRequest("INFO", Optional.empty(), 0);
        up.onRequest(Side.CALLER, noHops);
        assertThat(noHops.responses).containsExactly("483 -");
    }

    private B2buaCall answeredFresh() {
        B2buaCall call = newCall(new FakeLegs.Caller(sdp("o"), 70), TO_TRUNK, new Relabelling(), new RecordingSink(),
                new ManualTimers(), NO_LIMITS, new FakeLegs.Callee());
        call.onCalleeAnswered(sdp("a"));
        call.onCallerAck(Optional.empty());
        return call;
    }

    @Test
    void a_callee_that_never_confirms_the_cancel_is_given_up_at_the_teardown_limit() {
        B2buaCall call = call();
        call.onCalleeProvisional(180, "Ringing", Optional.empty());
        call.onCallerCancel();
        assertThat(call.state()).isEqualTo(CallState.CANCELLING);

        assertThat(timers.fire(B2buaCall.TEARDOWN_LIMIT)).isEqualTo(1);

        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(sink.events).endsWith("ended CALLER_CANCELLED");
    }

    @Test
    void a_bye_that_is_never_answered_does_not_keep_the_call() {
        B2buaCall call = answered();
        int before = sink.events.size();
        call.onBye(Side.CALLER);
        // Talk time and billing stop at the BYE, not at the teardown limit.
        assertThat(sink.endings).containsExactly("ending CALLER_HANGUP after " + before + " events");

        timers.fire(B2buaCall.TEARDOWN_LIMIT);

        assertThat(call.state()).isEqualTo(CallState.ENDED);
        assertThat(endedCallbacks).hasValue(1);
        assertThat(sink.endings).as("once").hasSize(1);
        assertThat(sink.events).endsWith("ended CALLER_HANGUP");
    }

    @Test
    void an_unacknowledged_answer_hangs_up_both_legs() {
        B2buaCall call = call();
        call.onCalleeAnswered(sdp("answer"));

        call.onCallerAckTimeout();

        assertThat(callee.commands).endsWith("ack -", "hangUp");
        assertThat(caller.commands).endsWith("hangUp");
        call.onLegGone(Side.CALLER);
        call.onLegGone(Side.CALLEE);
        assertThat(sink.events).endsWith("ended ACK_TIMEOUT");
    }

    @Test
    void a_call_reaching_the_maximum_duration_is_hung_up_on_both_legs() {
        B2buaCall call = answered();

        assertThat(timers.fire(MAX_DURATION)).isEqualTo(1);

        assertThat(caller.commands).endsWith("hangUp");
        assertThat(callee.commands).endsWith("hangUp");
        call.onLegGone(Side.CALLER);
        call.onLegGone(Side.CALLEE);
        assertThat(sink.events).endsWith("ended MAX_DURATION");
    }

    @Test
    void the_duration_timer_stops_when_the_call_ends() {
        B2buaCall call = answered();
        call.onBye(Side.CALLER);
        call.onLegGone(Side.CALLEE);

        assertThat(timers.fire(MAX_DURATION)).isZero();
    }

    @Test
    void a_failing_media_anchor_ends_the_call_with_500() {
        MediaSession broken = new Relabelling() {
            @Override
            public CompletionStage<Body> towardsCallee(Body fromCaller) {
                return CompletableFuture.failedFuture(new IllegalStateException("no media node"));
            }
        };
        B2buaCall call = call(TO_TRUNK, broken);

        assertThat(caller.commands).containsExactly("reject 500 Media Failure");
        assertThat(callee.commands).isEmpty();
        assertThat(call.state()).isEqualTo(CallState.ENDED);
    }

    @Test
    void shutdown_ends_a_ringing_call_with_503_and_cancels_the_callee() {
        B2buaCall call = call();
        call.onCalleeProvisional(180, "Ringing", Optional.empty());

        call.shutdown();

        assertThat(caller.commands).endsWith("reject 503 Service Unavailable");
        assertThat(callee.commands).endsWith("cancel");
    }

    @Test
    void ended_is_reported_exactly_once_whatever_arrives_after() {
        B2buaCall call = answered();
        call.onBye(Side.CALLER);
        call.onLegGone(Side.CALLEE);

        call.onBye(Side.CALLEE);
        call.onLegGone(Side.CALLER);
        call.onCalleeRejected(481, "Call/Transaction Does Not Exist");

        assertThat(sink.events.stream().filter(e -> e.startsWith("ended"))).hasSize(1);
        assertThat(endedCallbacks).hasValue(1);
    }

    /** An in-dialog request that records the responses it was given. */
    private static final class FakeRequest implements PendingRequest {
        final java.util.List<String> responses = new java.util.ArrayList<>();
        private final String method;
        private final Optional<Body> body;
        private final int maxForwards;

        FakeRequest(String method, Optional<Body> body, int maxForwards) {
            this.method = method;
            this.body = body;
            this.maxForwards = maxForwards;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public Optional<Body> body() {
            return body;
        }

        @Override
        public int maxForwards() {
            return maxForwards;
        }

        @Override
        public void respond(int status, String reason, Optional<Body> body) {
            responses.add(status + " " + FakeLegs.text(body));
        }
    }
}
