package io.sipcall.sip.route.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A clock in UTC that stands still until a test moves it. Thread-safe. */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;

    private TestClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** A clock showing {@code instant}, e.g. {@code "2026-06-01T23:59:30Z"}. */
    public static TestClock at(String instant) {
        return at(Instant.parse(instant));
    }

    public static TestClock at(Instant instant) {
        return new TestClock(instant);
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public TestClock advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
        return this;
    }

    /** Sets the clock to {@code instant}. */
    public TestClock set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Always UTC: the ledger counts days in UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
