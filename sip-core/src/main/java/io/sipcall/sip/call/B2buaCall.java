package io.sipcall.sip.call;

import io.sipcall.sip.port.Body;
import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.EndReason;
import io.sipcall.sip.port.MediaSession;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.port.RouteRequest;
import io.sipcall.sip.trunk.TrunkLimiter;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridged call: a caller leg and, per attempt, a callee leg, joined by named bridging rules.
 *
 * <ul>
 *   <li>the route policy picks the trunks; a refusal is the caller's final response;</li>
 *   <li>the trunks are tried in order: a trunk at its channel or rate limit is skipped, and a 408, a
 *       5xx, a timeout or a transport error moves on to the next, unless early media already reached
 *       the caller (then the failure is final); 486, 487, 600, 603 and other 4xx-6xx end the call;</li>
 *   <li>callee provisional responses and 2xx are relayed to the caller, bodies through the media anchor;</li>
 *   <li>the caller's ACK is relayed to the callee (end-to-end ACK; it may carry a delayed-offer answer);</li>
 *   <li>caller CANCEL, the no-answer timer and the trunk-response timer give the callee up;</li>
 *   <li>a BYE on either leg ends the other; in-dialog requests are relayed ({@link InDialogRelay});</li>
 *   <li>the call ends when both legs are gone; {@link CallEventSink#onEnded} fires exactly once.</li>
 * </ul>
 *
 * <p>Confined to the call's executor: no locks, no blocking.
 */
public final class B2buaCall implements LegEvents {

    private static final Logger LOG = LoggerFactory.getLogger(B2buaCall.class);
    /**
     * How long a leg being torn down (CANCEL or BYE sent) may take before it is taken for gone:
     * RFC 3261's 64*T1, the longest a transaction can run. A safety net, so that a response the
     * stack loses can never leave a call hanging.
     */
    static final java.time.Duration TEARDOWN_LIMIT = java.time.Duration.ofSeconds(32);

    private final CallId id;
    private final CallerLeg caller;
    private final Dependencies deps;
    private final MediaRelay media;
    private final InDialogRelay relay;
    private final CallEventSink events;
    private final CallTimers timers;
    private final CallSettings settings;
    private final Optional<Directory.User> user;
    private final String transport;
    private final String sourceHost;
    private final Runnable onEnded;

    private final Set<Side> gone = EnumSet.noneOf(Side.class);
    private CallState state = CallState.ROUTING;
    private EndReason endReason;
    private CallTimers.Cancellable trunkTimer;
    private CallTimers.Cancellable answerTimer;
    private CallTimers.Cancellable durationTimer;
    private CallTimers.Cancellable teardownTimer;

    private final TrunkAttempts attempts;
    private CalleeLeg callee;
    private Optional<Body> calleeOffer = Optional.empty();
    private boolean earlyMediaRelayed;

    /**
     * @param user the authenticated user placing the call, if any
     */
    public B2buaCall(CallId id, CallerLeg caller, Optional<Directory.User> user, Dependencies deps, String transport,
            String sourceHost, Runnable onEnded) {
        this.id = id;
        this.caller = caller;
        this.user = user;
        this.deps = deps;
        this.media = new MediaRelay(deps.media(), deps.executor(), this::onMediaFailure);
        this.relay = new InDialogRelay(media, this::leg);
        this.events = deps.events();
        this.timers = deps.timers();
        this.settings = deps.settings();
        this.transport = transport;
        this.sourceHost = sourceHost;
        this.onEnded = onEnded;
        this.attempts = new TrunkAttempts(deps.limiter());
    }

    /** What every call shares: policy, ports, trunk limits, leg factory, timers and its executor. */
    public record Dependencies(RoutePolicy policy, MediaSession media, CallEventSink events, CallTimers timers,
            CallSettings settings, Executor executor, TrunkLimiter limiter, CalleeLegFactory legs) {
    }

    public CallState state() {
        return state;
    }

    /** Routes the call and sends the INVITE to the first trunk that can take it. */
    public void start() {
        events.onStarted(id, new CallEventSink.CallStart(caller.caller(), caller.dialled(), transport,
                user.map(Directory.User::id)));
        RouteDecision decision;
        try {
            decision = deps.policy().route(new RouteRequest(id, caller.caller(), caller.dialled(), sourceHost,
                    transport, user));
        } catch (RuntimeException e) {
            LOG.error("route policy failed", e);
            refuse(500, "Routing Failed", EndReason.INTERNAL_ERROR);
            return;
        }
        if (decision instanceof RouteDecision.Reject reject) {
            LOG.info("refused by route policy: {} {}", reject.status(), reject.reason());
            refuse(reject.status(), reject.reason(), EndReason.REFUSED);
            return;
        }
        attempts.route(((RouteDecision.Route) decision).targets());
        answerTimer = timers.schedule(settings.noAnswerTimeout(), this::onNoAnswerTimeout);
        media.relay(Side.CALLER, caller.offer(), body -> {
            if (state != CallState.ROUTING) {
                return;
            }
            calleeOffer = body;
            tryNextTarget();
        });
    }

    /** Ends the call because the B2BUA is shutting down. */
    public void shutdown() {
        if (state.beforeAnswer()) {
            rejectCaller(503, "Service Unavailable", EndReason.SHUTDOWN);
            cancelCallee();
        } else if (state == CallState.ANSWERED || state == CallState.CONFIRMED) {
            hangUpBoth(EndReason.SHUTDOWN, state == CallState.ANSWERED);
        }
    }

    // ---- attempts ----------------------------------------------------------------------------

    /** Sends the INVITE to the next target whose trunk has capacity; none left ends the call. */
    private void tryNextTarget() {
        Optional<RouteDecision.Target> next = attempts.next();
        if (next.isPresent()) {
            RouteDecision.Target target = next.get();
            callee = deps.legs().create(new AttemptEvents(this, attempts.current()));
            events.onRouted(id, target);
            LOG.info("attempt {}: routing to trunk {}", attempts.current(), target.trunk());
            callee.invite(target, target.callerId().orElse(caller.caller()), calleeOffer, caller.maxForwards() - 1);
            transition(CallState.CALLING);
            cancel(trunkTimer);
            trunkTimer = timers.schedule(settings.trunkResponseTimeout(), this::onTrunkResponseTimeout);
            return;
        }
        cancelTimers();
        TrunkAttempts.Outcome outcome = attempts.outcome();
        rejectCaller(outcome.status(), outcome.reason(), outcome.why());
        gone(Side.CALLEE);
    }

    /** Whether a failure of the current attempt may move on to the next trunk. */
    private boolean mayFailOver(int status) {
        return state.beforeAnswer() && !earlyMediaRelayed && attempts.anyLeft()
                && (status == 408 || (status >= 500 && status < 600));
    }

    /** The current attempt failed with {@code status}; fail over if allowed, else relay the failure. */
    private void attemptFailed(int status, String reason, EndReason why) {
        attempts.failed(status, reason);
        if (mayFailOver(status)) {
            LOG.info("attempt {} failed with {}; failing over", attempts.current(), status);
            tryNextTarget();
            return;
        }
        cancelTimers();
        // Behind any provisional response still in the media anchor: the caller hears the trunk's
        // responses in the order the trunk sent them (a 183 must not be overtaken by the failure).
        media.relay(Side.CALLEE, Optional.empty(), ignored -> {
            if (state.beforeAnswer()) {
                ResponseMapping.Status mapped = ResponseMapping.toCaller(status, reason);
                LOG.info("callee failed with {}, caller gets {}", status, mapped.code());
                rejectCaller(mapped.code(), mapped.reason(), why);
            }
            gone(Side.CALLEE);
        });
    }

    /** Whether an event comes from the current attempt; events of superseded attempts are dropped. */
    boolean current(int attemptNumber) {
        return attemptNumber == attempts.current();
    }

    // ---- callee side -------------------------------------------------------------------------

    @Override
    public void onCalleeTrying() {
        cancel(trunkTimer);
    }

    @Override
    public void onCalleeProvisional(int status, String reason, Optional<Body> body) {
        cancel(trunkTimer);
        if (!state.beforeAnswer()) {
            return;
        }
        // Decided on arrival, not when the relay completes: the media anchor may still be busy with
        // this SDP when the trunk's next failure is handled, and that failure must not fail over.
        earlyMediaRelayed |= body.isPresent();
        int from = attempts.current();
        media.relay(Side.CALLEE, body, relayed -> {
            if (!state.beforeAnswer() || from != attempts.current()) {
                return;
            }
            caller.provisional(status, reason, relayed);
            if (state == CallState.CALLING) {
                transition(CallState.EARLY);
            }
            events.onRinging(id, status, relayed.isPresent());
        });
    }

    @Override
    public void onCalleeAnswered(Optional<Body> body) {
        cancelTimers();
        if (state == CallState.CANCELLING) {
            endCrossedAnswer();
            return;
        }
        if (!state.beforeAnswer()) {
            return;
        }
        int from = attempts.current();
        media.relay(Side.CALLEE, body, relayed -> {
            if (from != attempts.current()) {
                return;
            }
            if (state == CallState.CANCELLING) {
                endCrossedAnswer();
                return;
            }
            caller.answer(relayed);
            transition(CallState.ANSWERED);
            durationTimer = timers.schedule(settings.maxCallDuration(), this::onMaxDuration);
            events.onAnswered(id);
        });
    }

    @Override
    public void onCalleeRejected(int status, String reason) {
        if (state == CallState.CANCELLING) {
            attempts.release();
            gone(Side.CALLEE);
            return;
        }
        attemptFailed(status, reason, EndReason.REJECTED);
    }

    @Override
    public void onCalleeUnreachable(boolean transportError) {
        if (state == CallState.CANCELLING || !state.beforeAnswer()) {
            attempts.release();
            gone(Side.CALLEE);
            return;
        }
        LOG.warn("trunk {}", transportError ? "unreachable (transport error)" : "sent no final response");
        attemptFailed(transportError ? 503 : 408, transportError ? "Trunk Unreachable" : "Request Timeout",
                EndReason.TRUNK_TIMEOUT);
    }

    private void onTrunkResponseTimeout() {
        if (state == CallState.CALLING) {
            LOG.warn("trunk sent no response within {}", settings.trunkResponseTimeout());
            callee.abandon();
            attemptFailed(408, "Request Timeout", EndReason.TRUNK_TIMEOUT);
        }
    }

    private void onNoAnswerTimeout() {
        if (state.beforeAnswer()) {
            LOG.info("no answer within {}", settings.noAnswerTimeout());
            rejectCaller(480, "Temporarily Unavailable", EndReason.NO_ANSWER);
            cancelCallee();
        }
    }

    private void onMaxDuration() {
        if (state == CallState.ANSWERED || state == CallState.CONFIRMED) {
            LOG.warn("call reached the maximum duration of {}; hanging up", settings.maxCallDuration());
            hangUpBoth(EndReason.MAX_DURATION, state == CallState.ANSWERED);
        }
    }

    // ---- caller side -------------------------------------------------------------------------

    @Override
    public void onCallerCancel() {
        if (!state.beforeAnswer()) {
            return;
        }
        cancelTimers();
        rejectCaller(487, "Request Terminated", EndReason.CALLER_CANCELLED);
        cancelCallee();
    }

    @Override
    public void onCallerAck(Optional<Body> body) {
        if (state != CallState.ANSWERED && state != CallState.TERMINATING) {
            return;
        }
        media.relay(Side.CALLER, body, relayed -> {
            callee.ack(relayed);
            if (state == CallState.ANSWERED) {
                transition(CallState.CONFIRMED);
            }
        });
    }

    @Override
    public void onCallerAckTimeout() {
        if (state == CallState.ANSWERED) {
            LOG.warn("caller never acknowledged the answer");
            hangUpBoth(EndReason.ACK_TIMEOUT, true);
        }
    }

    // ---- both sides --------------------------------------------------------------------------

    @Override
    public void onBye(Side side) {
        if (state == CallState.ANSWERED || state == CallState.CONFIRMED) {
            LOG.info("{} hung up", side == Side.CALLER ? "caller" : "callee");
            setEndReason(side == Side.CALLER ? EndReason.CALLER_HANGUP : EndReason.CALLEE_HANGUP);
            if (side == Side.CALLER && state == CallState.ANSWERED) {
                callee.ack(Optional.empty());
            }
            leg(side.other()).hangUp();
            transition(CallState.TERMINATING);
        } else if (state.beforeAnswer()) {
            // RFC 3261 15: a BYE on an early dialog. From the caller it ends the call like CANCEL
            // (its leg already answered the INVITE with 487); from the callee it is a failure.
            cancelTimers();
            if (side == Side.CALLER) {
                setEndReason(EndReason.CALLER_CANCELLED);
                events.onFailed(id, 487, "Request Terminated");
                gone(Side.CALLER);
                cancelCallee();
                return;
            }
            attempts.release();
            rejectCaller(480, "Temporarily Unavailable", EndReason.REJECTED);
        }
        gone(side);
    }

    @Override
    public void onRequest(Side side, PendingRequest request) {
        if (state == CallState.CONFIRMED) {
            relay.relay(side, request);
        } else if (state.ordinal() > CallState.CONFIRMED.ordinal()) {
            request.respond(481, "Call/Transaction Does Not Exist", Optional.empty());
        } else {
            request.respond(491, "Request Pending", Optional.empty());
        }
    }

    @Override
    public void onReinviteAck(Side side, Optional<Body> body) {
        relay.acknowledge(side, body);
    }

    @Override
    public void onLegGone(Side side) {
        gone(side);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Leg leg(Side side) {
        return side == Side.CALLER ? caller : callee;
    }

    /** Refused before any trunk was tried: the caller's final response, and no callee at all. */
    private void refuse(int status, String reason, EndReason why) {
        rejectCaller(status, reason, why);
        gone(Side.CALLEE);
    }

    private void rejectCaller(int status, String reason, EndReason why) {
        setEndReason(why);
        caller.reject(status, reason);
        events.onFailed(id, status, reason);
        gone(Side.CALLER);
    }

    /** Gives the current callee up: not yet invited means nothing to do, else CANCEL (RFC 3261 9.1). */
    private void cancelCallee() {
        if (callee == null) {
            gone(Side.CALLEE);
        } else {
            transition(CallState.CANCELLING);
            callee.cancel();
        }
    }

    /** A 2xx crossed our CANCEL: acknowledge it and end the dialog at once (RFC 3261 15). */
    private void endCrossedAnswer() {
        LOG.info("callee answer crossed the cancel; acknowledging and hanging up");
        callee.ack(Optional.empty());
        callee.hangUp();
    }

    private void hangUpBoth(EndReason why, boolean calleeUnacknowledged) {
        setEndReason(why);
        if (calleeUnacknowledged) {
            callee.ack(Optional.empty());
        }
        caller.hangUp();
        callee.hangUp();
        transition(CallState.TERMINATING);
    }

    private void onMediaFailure(Throwable error) {
        LOG.error("media anchor failed", error);
        if (state.beforeAnswer()) {
            cancelTimers();
            rejectCaller(500, "Media Failure", EndReason.INTERNAL_ERROR);
            cancelCallee();
        } else if (state == CallState.ANSWERED || state == CallState.CONFIRMED) {
            hangUpBoth(EndReason.INTERNAL_ERROR, state == CallState.ANSWERED);
        }
    }

    /** The first reason wins; it is when talk time and billing stop ({@link CallEventSink#onEnding}). */
    private void setEndReason(EndReason why) {
        if (endReason == null) {
            endReason = why;
            events.onEnding(id, why);
        }
    }

    /** Marks {@code side} gone; the call ends when both legs are gone. */
    private void gone(Side side) {
        if (gone.add(side) && gone.size() == 2) {
            finish();
        }
    }

    private void onTeardownOverdue() {
        if (state != CallState.ENDED) {
            Set<Side> missing = EnumSet.allOf(Side.class);
            missing.removeAll(gone);
            LOG.warn("{} leg(s) still not gone {} after teardown began; ending the call", missing, TEARDOWN_LIMIT);
            gone(Side.CALLER);
            gone(Side.CALLEE);
        }
    }

    private void finish() {
        cancelTimers();
        cancel(durationTimer);
        cancel(teardownTimer);
        attempts.release();
        setEndReason(EndReason.INTERNAL_ERROR);
        transition(CallState.ENDED);
        media.close();
        events.onEnded(id, endReason);
        onEnded.run();
    }

    private void transition(CallState to) {
        CallState from = state;
        if (from == to) {
            return;
        }
        if (to.ordinal() < from.ordinal()) {
            LOG.warn("ignored backward transition {} -> {}", from, to);
            return;
        }
        state = to;
        LOG.info("{} -> {}", from, to);
        if ((to == CallState.CANCELLING || to == CallState.TERMINATING) && teardownTimer == null) {
            teardownTimer = timers.schedule(TEARDOWN_LIMIT, this::onTeardownOverdue);
        }
    }

    private void cancelTimers() {
        cancel(trunkTimer);
        cancel(answerTimer);
    }

    private static void cancel(CallTimers.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
