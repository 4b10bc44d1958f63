package io.sipcall.sip.route.testkit;

import io.sipcall.sip.port.RouteDecision;
import java.util.Arrays;
import java.util.List;

/** Assertions on a route policy's decision for one test call. Immutable. */
public final class DecisionAssert {

    private final String call;
    private final RouteDecision decision;

    DecisionAssert(String call, RouteDecision decision) {
        this.call = call;
        this.decision = decision;
    }

    /** The decision itself, for assertions the kit does not have. */
    public RouteDecision decision() {
        return decision;
    }

    /** Asserts the call is routed and its first target is {@code trunk}; then assert on that target. */
    public TargetAssert assertRoutedTo(String trunk) {
        TargetAssert first = new TargetAssert(call, routed("routed to " + trunk).targets(), 0);
        return first.expectTrunk(trunk);
    }

    /** Asserts the call is routed to exactly these trunks, in this (failover) order. */
    public DecisionAssert assertTrunkOrder(String... trunks) {
        List<String> actual = routed("routed to " + String.join(", ", trunks)).targets().stream()
                .map(RouteDecision.Target::trunk).toList();
        if (!actual.equals(Arrays.asList(trunks))) {
            throw new AssertionError(call + ": expected trunks in order " + Arrays.asList(trunks) + " but was " + actual);
        }
        return this;
    }

    /** Asserts the call is refused with {@code status}; then assert on the reason. */
    public RejectAssert assertRejected(int status) {
        if (!(decision instanceof RouteDecision.Reject reject)) {
            throw new AssertionError(call + ": expected it rejected with " + status + " but it was " + describe(decision));
        }
        if (reject.status() != status) {
            throw new AssertionError(call + ": expected it rejected with " + status + " but it was " + describe(decision));
        }
        return new RejectAssert(call, reject);
    }

    private RouteDecision.Route routed(String expectation) {
        if (decision instanceof RouteDecision.Route route) {
            return route;
        }
        throw new AssertionError(call + ": expected it " + expectation + " but it was " + describe(decision));
    }

    static String describe(RouteDecision decision) {
        if (decision instanceof RouteDecision.Reject reject) {
            return "rejected: " + reject.status() + " " + reject.reason();
        }
        return "routed to " + ((RouteDecision.Route) decision).targets().stream().map(TargetAssert::describe).toList();
    }
}
