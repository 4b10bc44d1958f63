package io.sipcall.media.esl;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: the initial delay doubled for each failed attempt, capped, then shortened by a
 * random share of up to {@code jitter}, so that several B2BUA instances that lost the same FreeSWITCH
 * do not all knock again in the same millisecond.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final double jitter;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
        this.random = random;
    }

    static Backoff of(EslConfig config) {
        return new Backoff(config.reconnectInitialDelay(), config.reconnectMaxDelay(), config.reconnectJitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The delay before attempt {@code failures + 1}, given how many attempts failed in a row. */
    Duration delay(int failures) {
        double exponential = initialMillis * Math.pow(2, Math.min(failures, 40));
        double capped = Math.min(exponential, maxMillis);
        return Duration.ofMillis(Math.round(capped * (1 - jitter * random.getAsDouble())));
    }
}
