package io.sipcall.persistence.record;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/** Counts records accepted and handled by {@link RecordWriter}, so that callers can await idleness. */
final class Progress {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final Object monitor = new Object();

    void accepted() {
        accepted.incrementAndGet();
    }

    void handled(int records) {
        handled.addAndGet(records);
        changed();
    }

    /** Wakes waiters to look again (call after any change that may make the writer idle). */
    void changed() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Waits until every accepted record is handled and {@code settled} holds, or the timeout passes. */
    boolean await(Duration timeout, BooleanSupplier settled) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (handled.get() != accepted.get() || !settled.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            return true;
        }
    }
}
