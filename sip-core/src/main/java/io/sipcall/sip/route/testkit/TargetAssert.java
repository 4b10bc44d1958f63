package io.sipcall.sip.route.testkit;

import io.sipcall.config.Transport;
import io.sipcall.sip.port.RouteDecision;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Assertions on one target of a routed test call (the first, or a failover one). Immutable. */
public final class TargetAssert {

    private final String call;
    private final List<RouteDecision.Target> targets;
    private final int index;

    TargetAssert(String call, List<RouteDecision.Target> targets, int index) {
        this.call = call;
        this.targets = targets;
        this.index = index;
    }

    /** The target itself. */
    public RouteDecision.Target target() {
        return targets.get(index);
    }

    TargetAssert expectTrunk(String trunk) {
        return check("trunk", trunk, target().trunk());
    }

    /** The Request-URI user part the trunk gets: formatted, with any tech prefix. */
    public TargetAssert withNumber(String number) {
        return check("number", number, target().number());
    }

    /** The caller ID presented to the callee. */
    public TargetAssert withCallerId(String callerId) {
        return check("caller ID", Optional.of(callerId), target().callerId());
    }

    /** No caller ID rule: the caller's own user part is kept. */
    public TargetAssert withoutCallerId() {
        return check("caller ID", Optional.empty(), target().callerId());
    }

    public TargetAssert withHost(String host) {
        return check("host", host, target().host());
    }

    public TargetAssert withPort(int port) {
        return check("port", port, target().port());
    }

    public TargetAssert withTransport(Transport transport) {
        return check("transport", transport, target().transport());
    }

    /** The rate used to order the target, compared by value ({@code "0.01"} equals {@code 0.0100}). */
    public TargetAssert withPricePerMinute(String price) {
        BigDecimal expected = new BigDecimal(price);
        Optional<BigDecimal> actual = target().pricePerMinute();
        if (actual.isEmpty() || actual.get().compareTo(expected) != 0) {
            fail("price per minute", expected, actual.map(BigDecimal::toPlainString).orElse("unrated"));
        }
        return this;
    }

    /** The trunk has no rate for the number. */
    public TargetAssert unrated() {
        return check("price per minute", Optional.empty(), target().pricePerMinute());
    }

    /** Asserts the next target (the one tried when this one fails) is {@code trunk}. */
    public TargetAssert thenFailoverTo(String trunk) {
        if (index + 1 >= targets.size()) {
            throw new AssertionError(call + ": expected failover from " + target().trunk() + " to " + trunk
                    + " but " + target().trunk() + " is the last target");
        }
        return new TargetAssert(call, targets, index + 1).expectTrunk(trunk);
    }

    /** Asserts this is the last target: nothing to fail over to. */
    public TargetAssert withNoFailover() {
        if (index + 1 < targets.size()) {
            throw new AssertionError(call + ": expected no failover after " + target().trunk() + " but "
                    + describe(targets.get(index + 1)) + " follows");
        }
        return this;
    }

    private TargetAssert check(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            fail(what, expected, actual);
        }
        return this;
    }

    private void fail(String what, Object expected, Object actual) {
        throw new AssertionError(call + ": expected target " + (index + 1) + " of " + targets.size() + " to have "
                + what + " " + show(expected) + " but was " + show(actual) + "; target " + describe(target()));
    }

    private static String show(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(TargetAssert::show).orElse("(none)");
        }
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    static String describe(RouteDecision.Target target) {
        return target.trunk() + " " + target.number() + "@" + target.host() + ":" + target.port() + ";"
                + target.transport().token() + target.callerId().map(id -> " caller-id " + id).orElse("")
                + target.pricePerMinute().map(p -> " at " + p.toPlainString() + "/min").orElse("");
    }
}
