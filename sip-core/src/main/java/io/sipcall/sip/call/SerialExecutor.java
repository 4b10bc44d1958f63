package io.sipcall.sip.call;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one call's tasks one at a time, in submission order, on a shared pool: per-call serialisation
 * without a lock and without a thread per call. Every task runs with the call id in the logging MDC
 * (key {@code callId}), so each log line about the call names it.
 *
 * <p>A task that throws is logged and does not stop the tasks after it.
 */
public final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    /** Tasks run per turn before the call yields its pool thread to other calls. */
    private static final int BATCH = 64;

    private final Executor pool;
    private final String callId;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    public SerialExecutor(Executor pool, String callId) {
        this.pool = pool;
        this.callId = callId;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        String previous = MDC.get("callId");
        MDC.put("callId", callId);
        try {
            for (int i = 0; i < BATCH; i++) {
                runSafely(tasks.poll());
                if (pending.decrementAndGet() == 0) {
                    return;
                }
            }
            pool.execute(this::drain);
        } finally {
            if (previous == null) {
                MDC.remove("callId");
            } else {
                MDC.put("callId", previous);
            }
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("call task failed", e);
        }
    }
}
