package io.sipcall.sip.call;

import io.sipcall.sip.port.Body;
import java.util.Optional;

/**
 * The events of one callee attempt. After failover an earlier attempt may still have events queued
 * on the call's executor (a response the stack dispatched just before we moved on); they are dropped
 * here so they cannot touch the attempt that replaced it.
 */
final class AttemptEvents implements LegEvents {

    private final B2buaCall call;
    private final int attempt;

    AttemptEvents(B2buaCall call, int attempt) {
        this.call = call;
        this.attempt = attempt;
    }

    private boolean current() {
        return call.current(attempt);
    }

    @Override
    public void onCalleeTrying() {
        if (current()) {
            call.onCalleeTrying();
        }
    }

    @Override
    public void onCalleeProvisional(int status, String reason, Optional<Body> body) {
        if (current()) {
            call.onCalleeProvisional(status, reason, body);
        }
    }

    @Override
    public void onCalleeAnswered(Optional<Body> body) {
        if (current()) {
            call.onCalleeAnswered(body);
        }
    }

    @Override
    public void onCalleeRejected(int status, String reason) {
        if (current()) {
            call.onCalleeRejected(status, reason);
        }
    }

    @Override
    public void onCalleeUnreachable(boolean transportError) {
        if (current()) {
            call.onCalleeUnreachable(transportError);
        }
    }

    @Override
    public void onCallerCancel() {
        call.onCallerCancel();
    }

    @Override
    public void onCallerAck(Optional<Body> body) {
        call.onCallerAck(body);
    }

    @Override
    public void onCallerAckTimeout() {
        call.onCallerAckTimeout();
    }

    @Override
    public void onBye(Side side) {
        if (current()) {
            call.onBye(side);
        }
    }

    @Override
    public void onRequest(Side side, PendingRequest request) {
        if (current()) {
            call.onRequest(side, request);
        } else {
            request.respond(481, "Call/Transaction Does Not Exist", Optional.empty());
        }
    }

    @Override
    public void onReinviteAck(Side side, Optional<Body> body) {
        if (current()) {
            call.onReinviteAck(side, body);
        }
    }

    @Override
    public void onLegGone(Side side) {
        if (current()) {
            call.onLegGone(side);
        }
    }
}
