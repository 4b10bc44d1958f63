package io.sipcall.persistence.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * Whether a background task's database work is failing, logged once per outage: a WARN when the
 * first attempt fails, an INFO with the outage's length when one succeeds again. Thread-safe.
 */
final class Outage {

    private final Logger log;
    private final String task;
    private final Clock clock;
    private final AtomicReference<Instant> since = new AtomicReference<>();

    /**
     * @param task names the events: {@code TASK-failing}, {@code TASK-recovered}
     */
    Outage(Logger log, String task, Clock clock) {
        this.log = log;
        this.task = task;
        this.clock = clock;
    }

    /** An attempt failed; {@code consequence} says what happens meanwhile. */
    void failed(RuntimeException e, String consequence) {
        if (since.compareAndSet(null, clock.instant())) {
            log.warn("event={}-failing error=\"{}\" note=\"{}; retrying\"", task, e.getMessage(), consequence);
        }
    }

    /** An attempt succeeded. */
    void succeeded() {
        Instant start = since.getAndSet(null);
        if (start != null) {
            log.info("event={}-recovered outage_s={}", task, Duration.between(start, clock.instant()).toSeconds());
        }
    }

    boolean isFailing() {
        return since.get() != null;
    }
}
