package io.sipcall.sip.call;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link CallTimers} over a shared scheduler: the timer thread only hands the task to the call. */
public final class ScheduledCallTimers implements CallTimers {

    private final ScheduledExecutorService scheduler;
    private final Executor callExecutor;

    public ScheduledCallTimers(ScheduledExecutorService scheduler, Executor callExecutor) {
        this.scheduler = scheduler;
        this.callExecutor = callExecutor;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = scheduler.schedule(() -> callExecutor.execute(task),
                delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
