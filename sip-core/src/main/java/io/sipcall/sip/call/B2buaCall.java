package io.sipcall.sip.call;

import io.sipcall.sip.port.Body;
import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.EndReason;
import io.sipcall.sip.port.MediaSession;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.port.RouteRequest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridged call: a caller leg and a callee leg joined by named bridging rules.
 *
 * <ul>
 *   <li>the route policy picks the trunk; a refusal is the caller's final response;</li>
 *   <li>callee provisional responses and 2xx are relayed to the caller, bodies through the media anchor;</li>
 *   <li>the caller's ACK is relayed to the callee (end-to-end ACK; it may carry a delayed-offer answer);</li>
 *   <li>a callee failure is relayed (see {@link ResponseMapping}) unless the caller already has its answer;</li>
 *   <li>caller CANCEL, the no-answer timer and the trunk-response timer cancel the callee;</li>
 *   <li>a BYE on either leg ends the other; in-dialog re-INVITE, UPDATE and INFO are relayed;</li>
 *   <li>the call ends when both legs are gone; {@link CallEventSink#onEnded} fires exactly once.</li>
 * </ul>
 *
 * <p>Confined to the call's executor: no locks, no blocking.
 */
public final class B2buaCall implements LegEvents {

    private static final Logger LOG = LoggerFactory.getLogger(B2buaCall.class);

    private final CallId id;
    private final CallerLeg caller;
    private final CalleeLeg callee;
    private final RoutePolicy policy;
    private final MediaRelay media;
    private final CallEventSink events;
    private final CallTimers timers;
    private final CallSettings settings;
    private final String transport;
    private final String sourceHost;
    private final Runnable onEnded;

    private final Set<Side> gone = EnumSet.noneOf(Side.class);
    private CallState state = CallState.ROUTING;
    private EndReason endReason;
    private CallTimers.Cancellable trunkTimer;
    private CallTimers.Cancellable answerTimer;
    private CallTimers.Cancellable durationTimer;
    /** The side whose offer-carrying request (re-INVITE/UPDATE) is being relayed, if any. */
    private Side offerFrom;
    /** The side whose relayed re-INVITE got its 2xx and still owes the ACK, if any. */
    private Side reinviteAckFrom;

    public B2buaCall(CallId id, CallerLeg caller, CalleeLeg callee, Dependencies deps, String transport,
            String sourceHost, Runnable onEnded) {
        this.id = id;
        this.caller = caller;
        this.callee = callee;
        this.policy = deps.policy();
        this.media = new MediaRelay(deps.media(), deps.executor(), this::onMediaFailure);
        this.events = deps.events();
        this.timers = deps.timers();
        this.settings = deps.settings();
        this.transport = transport;
        this.sourceHost = sourceHost;
        this.onEnded = onEnded;
    }

    /** What every call shares: policy, ports, timers and the executor the call is confined to. */
    public record Dependencies(RoutePolicy policy, MediaSession media, CallEventSink events, CallTimers timers,
            CallSettings settings, java.util.concurrent.Executor executor) {
    }

    public CallId id() {
        return id;
    }

    public CallState state() {
        return state;
    }

    /** Routes the call and sends the INVITE to the chosen trunk. */
    public void start() {
        events.onStarted(id, new CallEventSink.CallStart(caller.caller(), caller.dialled(), transport,
                java.util.Optional.empty()));
        RouteDecision decision;
        try {
            decision = policy.route(new RouteRequest(id, caller.caller(), caller.dialled(), sourceHost, transport));
        } catch (RuntimeException e) {
            LOG.error("route policy failed", e);
            rejectCaller(500, "Routing Failed", EndReason.INTERNAL_ERROR);
            gone(Side.CALLEE);
            return;
        }
        if (decision instanceof RouteDecision.Reject reject) {
            LOG.info("refused by route policy: {} {}", reject.status(), reject.reason());
            rejectCaller(reject.status(), reject.reason(), EndReason.REFUSED);
            gone(Side.CALLEE);
            return;
        }
        RouteDecision.Target target = ((RouteDecision.Route) decision).targets().get(0);
        events.onRouted(id, target);
        media.relay(Side.CALLER, caller.offer(), body -> {
            if (state != CallState.ROUTING) {
                return;
            }
            LOG.info("routing to trunk {}", target.trunk());
            callee.invite(target, caller.caller(), body, caller.maxForwards() - 1);
            transition(CallState.CALLING);
            trunkTimer = timers.schedule(settings.trunkResponseTimeout(), this::onTrunkResponseTimeout);
            answerTimer = timers.schedule(settings.noAnswerTimeout(), this::onNoAnswerTimeout);
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
        media.relay(Side.CALLEE, body, relayed -> {
            if (!state.beforeAnswer()) {
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
        media.relay(Side.CALLEE, body, relayed -> {
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
        cancelTimers();
        if (state.beforeAnswer()) {
            ResponseMapping.Status mapped = ResponseMapping.toCaller(status, reason);
            LOG.info("callee rejected with {}, caller gets {}", status, mapped.code());
            rejectCaller(mapped.code(), mapped.reason(), EndReason.REJECTED);
        }
        gone(Side.CALLEE);
    }

    @Override
    public void onCalleeUnreachable(boolean transportError) {
        cancelTimers();
        if (state.beforeAnswer()) {
            LOG.warn("trunk {}", transportError ? "unreachable (transport error)" : "sent no final response");
            if (transportError) {
                rejectCaller(503, "Trunk Unreachable", EndReason.TRUNK_TIMEOUT);
            } else {
                rejectCaller(408, "Request Timeout", EndReason.TRUNK_TIMEOUT);
            }
        }
        gone(Side.CALLEE);
    }

    private void onTrunkResponseTimeout() {
        if (state == CallState.CALLING) {
            LOG.warn("trunk sent no response within {}", settings.trunkResponseTimeout());
            cancel(answerTimer);
            rejectCaller(408, "Request Timeout", EndReason.TRUNK_TIMEOUT);
            transition(CallState.CANCELLING);
            callee.abandon();
            gone(Side.CALLEE);
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
        gone(side, () -> {
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
                    cancelCallee();
                } else {
                    rejectCaller(480, "Temporarily Unavailable", EndReason.REJECTED);
                }
            }
        });
    }

    @Override
    public void onRequest(Side side, PendingRequest request) {
        boolean carriesOffer = "INVITE".equals(request.method()) || "UPDATE".equals(request.method());
        if (state != CallState.CONFIRMED) {
            request.respond(state.ordinal() > CallState.CONFIRMED.ordinal() ? 481 : 491,
                    state.ordinal() > CallState.CONFIRMED.ordinal() ? "Call/Transaction Does Not Exist"
                            : "Request Pending", Optional.empty());
            return;
        }
        if (request.maxForwards() <= 0) {
            request.respond(483, "Too Many Hops", Optional.empty());
            return;
        }
        if (carriesOffer && (offerFrom != null || reinviteAckFrom != null)) {
            // RFC 3261 14.2 and RFC 3311 5.2: one offer/answer exchange at a time.
            request.respond(491, "Request Pending", Optional.empty());
            return;
        }
        if (carriesOffer) {
            offerFrom = side;
        }
        Side to = side.other();
        media.relay(side, request.body(), relayed -> leg(to).send(request.method(), relayed,
                request.maxForwards() - 1, (status, reason, responseBody) ->
                        media.relay(to, responseBody, back -> {
                            request.respond(status, reason, back);
                            if (carriesOffer) {
                                offerFrom = null;
                                boolean awaitAck = "INVITE".equals(request.method()) && status >= 200 && status < 300;
                                reinviteAckFrom = awaitAck ? side : null;
                            }
                        })));
    }

    @Override
    public void onReinviteAck(Side side, Optional<Body> body) {
        if (reinviteAckFrom != side) {
            return;
        }
        reinviteAckFrom = null;
        media.relay(side, body, relayed -> leg(side.other()).ackReinvite(relayed));
    }

    @Override
    public void onLegGone(Side side) {
        gone(side);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Leg leg(Side side) {
        return side == Side.CALLER ? caller : callee;
    }

    private void rejectCaller(int status, String reason, EndReason why) {
        setEndReason(why);
        caller.reject(status, reason);
        events.onFailed(id, status, reason);
        gone(Side.CALLER, () -> { });
    }

    /** Gives the callee up: not yet invited means nothing to do, else CANCEL (RFC 3261 9.1). */
    private void cancelCallee() {
        if (state == CallState.ROUTING) {
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
            rejectCaller(500, "Media Failure", EndReason.INTERNAL_ERROR);
            cancelCallee();
        } else if (state == CallState.ANSWERED || state == CallState.CONFIRMED) {
            hangUpBoth(EndReason.INTERNAL_ERROR, state == CallState.ANSWERED);
        }
    }

    private void setEndReason(EndReason why) {
        if (endReason == null) {
            endReason = why;
        }
    }

    private void gone(Side side) {
        gone(side, () -> { });
    }

    /** Marks {@code side} gone after running {@code first}; the call ends when both legs are gone. */
    private void gone(Side side, Runnable first) {
        first.run();
        if (gone.add(side) && gone.size() == 2) {
            finish();
        }
    }

    private void finish() {
        cancelTimers();
        cancel(durationTimer);
        if (endReason == null) {
            endReason = EndReason.INTERNAL_ERROR;
        }
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
