package io.sipcall.sip.route.testkit;

import io.sipcall.sip.port.RouteDecision;

/** Assertions on the refusal of a test call. Immutable. */
public final class RejectAssert {

    private final String call;
    private final RouteDecision.Reject reject;

    RejectAssert(String call, RouteDecision.Reject reject) {
        this.call = call;
        this.reject = reject;
    }

    public RouteDecision.Reject reject() {
        return reject;
    }

    /** The reason phrase is exactly {@code reason}. */
    public RejectAssert withReason(String reason) {
        if (!reject.reason().equals(reason)) {
            throw failure("\"" + reason + "\"");
        }
        return this;
    }

    /** The reason phrase contains {@code part}. */
    public RejectAssert withReasonContaining(String part) {
        if (!reject.reason().contains(part)) {
            throw failure("containing \"" + part + "\"");
        }
        return this;
    }

    private AssertionError failure(String expected) {
        return new AssertionError(call + ": expected reason " + expected + " but the reason of the "
                + reject.status() + " was \"" + reject.reason() + "\"");
    }
}
