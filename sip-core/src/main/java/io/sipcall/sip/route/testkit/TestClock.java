package io.sipcall.sip.route.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it; UTC unless {@link #withZone} says otherwise. Clocks
 * made with {@code withZone} share the instant: moving one moves them all. Thread-safe.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** A clock showing {@code instant}, e.g. {@code "2026-06-01T23:59:30Z"}. */
    public static TestClock at(String instant) {
        return at(Instant.parse(instant));
    }

    public static TestClock at(Instant instant) {
        return new TestClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant")), ZoneOffset.UTC);
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
        return zone;
    }

    /** The same instant, shown in {@code newZone}; it moves with this clock. */
    @Override
    public TestClock withZone(ZoneId newZone) {
        return new TestClock(now, newZone);
    }
}
