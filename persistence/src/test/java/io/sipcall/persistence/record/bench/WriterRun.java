package io.sipcall.persistence.record.bench;

import io.sipcall.persistence.record.CallRecordStore;
import io.sipcall.persistence.record.RecordWriter;
import io.sipcall.persistence.record.StoredCall;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * One measured run of a fresh {@link RecordWriter} (its own spool directory) against the shared
 * store: either a burst of ready-made records submitted at once, or records made and submitted at a
 * fixed rate. Counts the kernel's fsyncs of this JVM (the spool) and of PostgreSQL, CPU time of both,
 * and the insert transactions' durations. Main thread only.
 */
final class WriterRun {

    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final CallRecordStore store;
    private final TimedTransactions inserts;
    private final Path workDirectory;
    private final long postmaster;
    private final Duration retryInterval;

    WriterRun(CallRecordStore store, TimedTransactions inserts, Path workDirectory, long postmaster,
            Duration retryInterval) {
        this.store = store;
        this.inserts = inserts;
        this.workDirectory = workDirectory;
        this.postmaster = postmaster;
        this.retryInterval = retryInterval;
    }

    /** What one run measured. Durations of inserts are sorted, in nanoseconds. */
    record Result(String name, long records, Double offeredPerSecond, Duration elapsed, Duration drain,
            long maxBacklog, Duration submitting, long[] insertNanos, Optional<Map<String, Long>> spoolSyncs,
            Optional<Map<String, Long>> serverSyncs, Duration jvmCpu, Duration serverCpu) {

        double writtenPerSecond() {
            return records * (double) NANOS_PER_SECOND / elapsed.toNanos();
        }
    }

    /** Submits {@code calls} all at once and waits until the writer has stored them. */
    Result burst(String name, List<StoredCall> calls) throws IOException, InterruptedException {
        return measure(name, null, writer -> {
            long start = System.nanoTime();
            calls.forEach(writer::submit);
            long submitted = System.nanoTime();
            awaitIdle(writer);
            long end = System.nanoTime();
            return new Timing(Duration.ofNanos(end - start), Duration.ofNanos(end - submitted), calls.size(),
                    Duration.ofNanos(submitted - start));
        });
    }

    /**
     * Makes and submits {@code perSecond} records a second for {@code seconds} (in 1 ms ticks, as
     * calls end), then waits until the writer has stored them.
     */
    Result paced(String name, BenchCalls calls, int perSecond, int seconds) throws IOException, InterruptedException {
        return measure(name, (double) perSecond, writer -> {
            long total = (long) perSecond * seconds;
            long start = System.nanoTime();
            long sent = 0;
            long maxBacklog = 0;
            long submitNanos = 0;
            while (sent < total) {
                long due = Math.min(total, (System.nanoTime() - start) * perSecond / NANOS_PER_SECOND);
                for (; sent < due; sent++) {
                    StoredCall call = calls.next();
                    long before = System.nanoTime();
                    writer.submit(call);
                    submitNanos += System.nanoTime() - before;
                }
                maxBacklog = Math.max(maxBacklog, sent - writer.written());
                LockSupport.parkNanos(1_000_000);
            }
            long submitted = System.nanoTime();
            awaitIdle(writer);
            long end = System.nanoTime();
            return new Timing(Duration.ofNanos(end - start), Duration.ofNanos(end - submitted), maxBacklog,
                    Duration.ofNanos(submitNanos));
        });
    }

    private record Timing(Duration elapsed, Duration drain, long maxBacklog, Duration submitting) {
    }

    private interface Workload {
        Timing run(RecordWriter writer) throws InterruptedException;
    }

    private Result measure(String name, Double offered, Workload workload) throws IOException, InterruptedException {
        try (RecordWriter writer = RecordWriter.start(store, workDirectory.resolve("spool-" + name), retryInterval)) {
            awaitIdle(writer);
            long writtenBefore = writer.written();
            inserts.drain();
            Optional<SyscallCounter> spool = SyscallCounter.attach(List.of(ProcessHandle.current().pid()),
                    workDirectory.resolve("perf-jvm-" + name + ".csv"));
            Optional<SyscallCounter> server = SyscallCounter.attach(CpuTime.serverProcesses(postmaster),
                    workDirectory.resolve("perf-pg-" + name + ".csv"));
            Duration jvmBefore = CpuTime.jvm();
            Duration serverBefore = CpuTime.server(postmaster);

            Timing timing = workload.run(writer);

            Duration jvmCpu = CpuTime.jvm().minus(jvmBefore);
            Duration serverCpu = CpuTime.server(postmaster).minus(serverBefore);
            Optional<Map<String, Long>> spoolSyncs = stop(spool);
            Optional<Map<String, Long>> serverSyncs = stop(server);
            return new Result(name, writer.written() - writtenBefore, offered, timing.elapsed(), timing.drain(),
                    timing.maxBacklog(), timing.submitting(), inserts.drain(), spoolSyncs, serverSyncs, jvmCpu,
                    serverCpu);
        }
    }

    private static Optional<Map<String, Long>> stop(Optional<SyscallCounter> counter)
            throws IOException, InterruptedException {
        return counter.isPresent() ? Optional.of(counter.get().stop()) : Optional.empty();
    }

    private static void awaitIdle(RecordWriter writer) throws InterruptedException {
        if (!writer.awaitIdle(IDLE_TIMEOUT) || !writer.databaseUp()) {
            throw new IllegalStateException("the writer did not store its records within " + IDLE_TIMEOUT
                    + " (database up: " + writer.databaseUp() + ", spool depth: " + writer.spoolDepth() + ")");
        }
    }
}
