package io.sipcall.sip.call;

import io.sipcall.sip.port.EndReason;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.trunk.TrunkLimiter;
import java.util.List;
import java.util.Optional;

/**
 * The trunks a call may still try, in the route's order, and the trunk channel it holds. A trunk at
 * its channel or call-rate limit is passed over; the last failure is kept for the caller. Confined to
 * the call's executor.
 */
final class TrunkAttempts {

    private final TrunkLimiter limiter;
    private List<RouteDecision.Target> targets = List.of();
    private int next;
    private int attempt;
    private String trunkInUse;
    private int lastFailure;
    private String lastReason = "";

    TrunkAttempts(TrunkLimiter limiter) {
        this.limiter = limiter;
    }

    void route(List<RouteDecision.Target> route) {
        this.targets = List.copyOf(route);
    }

    /** The next target whose trunk has capacity (its channel now taken), or empty when none is left. */
    Optional<RouteDecision.Target> next() {
        while (next < targets.size()) {
            RouteDecision.Target target = targets.get(next++);
            if (limiter.tryAcquire(target.trunk())) {
                trunkInUse = target.trunk();
                attempt++;
                return Optional.of(target);
            }
            B2buaCallLog.skipped(target.trunk());
        }
        return Optional.empty();
    }

    /** The number of the current attempt (1 for the first trunk tried). */
    int current() {
        return attempt;
    }

    boolean anyLeft() {
        return next < targets.size();
    }

    /** The current attempt failed: its channel is given back, its status kept. */
    void failed(int status, String reason) {
        release();
        lastFailure = status;
        lastReason = reason;
    }

    /** What the caller is told when no trunk is left: the last failure, mapped, or 503 for limits. */
    Outcome outcome() {
        if (lastFailure == 0) {
            return new Outcome(503, "Service Unavailable: all trunks at their limits", EndReason.REFUSED);
        }
        ResponseMapping.Status mapped = ResponseMapping.toCaller(lastFailure, lastReason);
        return new Outcome(mapped.code(), mapped.reason(),
                lastFailure == 408 || lastFailure == 503 ? EndReason.TRUNK_TIMEOUT : EndReason.REJECTED);
    }

    /** A final response for the caller and why the call ends. */
    record Outcome(int status, String reason, EndReason why) {
    }

    /** Gives back the channel of the current attempt, if it holds one. */
    void release() {
        if (trunkInUse != null) {
            limiter.release(trunkInUse);
            trunkInUse = null;
        }
    }
}
