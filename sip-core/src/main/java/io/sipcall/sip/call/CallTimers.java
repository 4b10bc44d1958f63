package io.sipcall.sip.call;

import java.time.Duration;

/** Schedules work back onto a call's executor after a delay. */
@FunctionalInterface
public interface CallTimers {

    /** Runs {@code task} on the call's executor after {@code delay}; the result cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
