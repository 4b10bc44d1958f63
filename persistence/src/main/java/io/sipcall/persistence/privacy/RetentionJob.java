package io.sipcall.persistence.privacy;

import io.sipcall.config.RetentionConfig;
import io.sipcall.persistence.audit.AuditEntry;
import io.sipcall.persistence.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage limitation (GDPR article 5(1)(e)): deletes call records (their events cascade) that started
 * more than {@code retention.call-records-days} ago, and audit entries older than
 * {@code retention.audit-log-days}. Rows go in batches, each its own statement and transaction, so a
 * large backlog never holds one long lock against the call-record writer. A run that deleted anything
 * is audited as {@code retention.purged}.
 *
 * <p>{@link #start()} runs the job every {@code retention.interval} on a daemon thread, the first run
 * after at most {@link #FIRST_RUN_DELAY}. A failed run (the database is down) is logged and the next
 * one comes at the next interval. Thread-safe: a manual {@link #runOnce()} may overlap a scheduled
 * one; both only delete rows past the cut-off.
 */
public final class RetentionJob implements AutoCloseable {

    /** The longest wait for the first run after {@link #start()}: out of the way of startup, not a day late. */
    public static final Duration FIRST_RUN_DELAY = Duration.ofMinutes(1);
    static final int DEFAULT_BATCH = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private static final String DELETE_CALLS = "DELETE FROM calls WHERE id IN "
            + "(SELECT id FROM calls WHERE started_at < :before LIMIT :batch)";
    private static final String DELETE_AUDIT = "DELETE FROM audit_log WHERE id IN "
            + "(SELECT id FROM audit_log WHERE at < :before LIMIT :batch)";

    private final Jdbi jdbi;
    private final RetentionConfig config;
    private final Clock clock;
    private final int batch;
    private final AtomicLong failedRuns = new AtomicLong();
    private ScheduledExecutorService scheduler;

    public RetentionJob(Jdbi jdbi, RetentionConfig config, Clock clock) {
        this(jdbi, config, clock, DEFAULT_BATCH);
    }

    /** With {@code batch} rows per delete statement (tests use small batches). */
    RetentionJob(Jdbi jdbi, RetentionConfig config, Clock clock, int batch) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive, was " + batch);
        }
        this.batch = batch;
    }

    /**
     * Deletes what is past retention now, and audits the purge when it deleted anything. When a batch
     * fails, what the batches before it deleted is still audited (if the database lets it), then the
     * failure is thrown.
     *
     * @throws org.jdbi.v3.core.JdbiException when the database fails
     */
    public PurgeSummary runOnce() {
        Instant now = clock.instant();
        Instant callsBefore = now.minus(Duration.ofDays(config.callRecordsDays()));
        Instant auditBefore = now.minus(Duration.ofDays(config.auditLogDays()));
        AtomicLong calls = new AtomicLong();
        AtomicLong audit = new AtomicLong();
        RuntimeException failure = null;
        try {
            deleteInBatches(DELETE_CALLS, callsBefore, calls);
            deleteInBatches(DELETE_AUDIT, auditBefore, audit);
        } catch (RuntimeException e) {
            failure = e;
        }
        PurgeSummary summary = new PurgeSummary(calls.get(), audit.get(), callsBefore, auditBefore);
        try {
            record(summary);
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
        return summary;
    }

    private void record(PurgeSummary summary) {
        if (!summary.deletedAnything()) {
            LOG.debug("event=retention-nothing-to-purge calls_before={} audit_before={}", summary.callsBefore(),
                    summary.auditBefore());
            return;
        }
        new AuditLog(jdbi).record(AuditEntry.of(AuditEntry.SYSTEM, "scheduler", "retention.purged", "",
                Map.of("calls", summary.callRecords(), "audit_entries", summary.auditEntries(),
                        "calls_before", summary.callsBefore().toString(),
                        "audit_before", summary.auditBefore().toString())));
        LOG.info("event=retention-purged calls={} audit_entries={} calls_before={} audit_before={}",
                summary.callRecords(), summary.auditEntries(), summary.callsBefore(), summary.auditBefore());
    }

    /** Deletes in statements of {@code batch} rows, each its own transaction, adding each count to {@code total}. */
    private void deleteInBatches(String sql, Instant before, AtomicLong total) {
        OffsetDateTime cutoff = before.atOffset(ZoneOffset.UTC);
        int deleted;
        do {
            deleted = jdbi.withHandle(handle -> handle.createUpdate(sql)
                    .bind("before", cutoff)
                    .bind("batch", batch)
                    .execute());
            total.addAndGet(deleted);
        } while (deleted == batch);
    }

    /**
     * Runs the job every {@code retention.interval} from now on, the first time after the interval or
     * {@link #FIRST_RUN_DELAY}, whichever is shorter.
     *
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("the retention job is already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sipcall-retention");
            thread.setDaemon(true);
            return thread;
        });
        Duration interval = config.interval();
        Duration first = interval.compareTo(FIRST_RUN_DELAY) < 0 ? interval : FIRST_RUN_DELAY;
        scheduler.scheduleWithFixedDelay(this::scheduledRun, first.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("event=retention-scheduled interval={} call_records_days={} audit_log_days={}", interval,
                config.callRecordsDays(), config.auditLogDays());
    }

    /** A failure must not escape: a periodic task that throws is never run again. */
    private void scheduledRun() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            failedRuns.incrementAndGet();
            LOG.warn("event=retention-failed retry_in={} error=\"{}\"", config.interval(), firstLine(e));
            LOG.debug("event=retention-failed-trace", e);
        }
    }

    /** The first line of the message, quotes made single, so the event stays one parseable line. */
    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).replace('"', '\'');
    }

    /** How many scheduled runs have failed since {@link #start()} (for health reporting). */
    public long failedRuns() {
        return failedRuns.get();
    }

    /** Stops the schedule, interrupting a run in progress and waiting briefly for it. Idempotent. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("event=retention-stop-timeout note=\"a purge statement is still running\"");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }
}
