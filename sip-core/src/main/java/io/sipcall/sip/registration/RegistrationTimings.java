package io.sipcall.sip.registration;

import java.time.Duration;
import java.util.Objects;

/**
 * When trunk registrations refresh, retry and give up waiting.
 *
 * <p>The refresh floor is a parameter, not a constant, for one reason: tests. In production it is
 * 30 s, so a registrar granting a very short expiry cannot make us send REGISTER more often than
 * twice a minute (a grant shorter than the floor then lapses before its refresh; a registrar that
 * wants short bindings refreshed can answer 423 with Min-Expires instead, RFC 3261 10.2.8). A grant
 * is always honoured as given: the floor applies to the refresh interval only. End-to-end tests use
 * a 1 s floor and a registrar granting {@code Expires: 2}, so a refresh comes within seconds.
 *
 * @param refreshFloor     shortest interval between a 200 and the refresh (production 30 s)
 * @param firstRetry       wait after the first failure in a row; doubles with each further one
 *                         (production 30 s)
 * @param maxRetry         longest wait between failed attempts (production 5 min)
 * @param responseDeadline how long a REGISTER may go without a final response before it counts as
 *                         failed; a guard behind the stack's own Timer F (64*T1 = 32 s, RFC 3261
 *                         17.1.2.2) for transactions the stack ends silently on a transport error
 * @param unregisterBound  how long an un-REGISTER may take at shutdown before we stop waiting
 */
public record RegistrationTimings(Duration refreshFloor, Duration firstRetry, Duration maxRetry,
                                  Duration responseDeadline, Duration unregisterBound) {

    /** The production values. */
    public static final RegistrationTimings DEFAULT = new RegistrationTimings(Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(40), Duration.ofSeconds(2));

    public RegistrationTimings {
        positive(refreshFloor, "refreshFloor");
        positive(firstRetry, "firstRetry");
        positive(maxRetry, "maxRetry");
        positive(responseDeadline, "responseDeadline");
        positive(unregisterBound, "unregisterBound");
    }

    /** These timings with another refresh floor. */
    public RegistrationTimings withRefreshFloor(Duration floor) {
        return new RegistrationTimings(floor, firstRetry, maxRetry, responseDeadline, unregisterBound);
    }

    /**
     * When to refresh a binding granted for {@code granted}: at half of it (RFC 3261 10.2.4 leaves the
     * margin to the UA), but not sooner than the floor.
     */
    public Duration refreshDelay(Duration granted) {
        Duration half = granted.dividedBy(2);
        return half.compareTo(refreshFloor) < 0 ? refreshFloor : half;
    }

    /** How long to wait after {@code failuresInARow} (1 or more) failed attempts: doubling, capped. */
    public Duration retryDelay(int failuresInARow) {
        Duration delay = firstRetry;
        for (int i = 1; i < failuresInARow && delay.compareTo(maxRetry) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
