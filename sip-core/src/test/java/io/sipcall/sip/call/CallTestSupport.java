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

/** What the call tests share: fake legs, a recording sink, manual timers and a call factory. */
abstract class CallTestSupport {

    static final Duration TRUNK_TIMEOUT = Duration.ofSeconds(5);
    static final Duration NO_ANSWER = Duration.ofSeconds(60);
    static final Duration MAX_DURATION = Duration.ofHours(4);
    static final RoutePolicy TO_TRUNK = request -> RouteDecision.Route.to(
            new RouteDecision.Target("telnyx", "192.0.2.10", 5060, Transport.UDP, request.dialled()));

    final FakeLegs.Caller caller = new FakeLegs.Caller(sdp("offer"), 70);
    final FakeLegs.Callee callee = new FakeLegs.Callee();
    final RecordingSink sink = new RecordingSink();
    final ManualTimers timers = new ManualTimers();
    final AtomicInteger endedCallbacks = new AtomicInteger();

    B2buaCall call(RoutePolicy policy, MediaSession media) {
        return newCall(caller, policy, media, sink, timers, NO_LIMITS, callee);
    }

    static final TrunkLimiter NO_LIMITS = new TrunkLimiter(Map.of());

    /** A started call whose successive attempts use {@code callees}, in order. */
    B2buaCall newCall(FakeLegs.Caller from, RoutePolicy policy, MediaSession media, RecordingSink events,
            ManualTimers clock, TrunkLimiter limiter, FakeLegs.Callee... callees) {
        AtomicInteger made = new AtomicInteger();
        B2buaCall call = new B2buaCall(CallId.random(), from, Optional.empty(),
                new B2buaCall.Dependencies(policy, media, events, clock,
                        new CallSettings(TRUNK_TIMEOUT, NO_ANSWER, MAX_DURATION), Runnable::run, limiter,
                        legEvents -> callees[made.getAndIncrement()]),
                "UDP", "198.51.100.7", endedCallbacks::incrementAndGet);
        call.start();
        return call;
    }

    B2buaCall call() {
        return call(TO_TRUNK, new Relabelling());
    }

    static Optional<Body> sdp(String text) {
        return Optional.of(new Body(Body.SDP, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A media session that marks which way each body went, so tests see it was consulted. */
    static class Relabelling implements MediaSession {
        @Override
        public CompletionStage<Body> towardsCallee(Body fromCaller) {
            return CompletableFuture.completedFuture(relabel(fromCaller, ">callee"));
        }

        @Override
        public CompletionStage<Body> towardsCaller(Body fromCallee) {
            return CompletableFuture.completedFuture(relabel(fromCallee, ">caller"));
        }

        @Override
        public void close() {
        }

        private static Body relabel(Body body, String suffix) {
            return new Body(body.contentType(), (body.text() + suffix).getBytes(StandardCharsets.UTF_8));
        }
    }

}
