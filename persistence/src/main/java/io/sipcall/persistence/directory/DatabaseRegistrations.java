package io.sipcall.persistence.directory;

import io.sipcall.sip.gateway.InMemoryRegistrations;
import io.sipcall.sip.port.Registrations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Registrations} that survive a restart: the semantics of {@link InMemoryRegistrations}, which
 * answers every call, with the {@code registrations} table behind it.
 *
 * <p>At {@link #start} the unexpired bindings are loaded and expired rows purged. A change marks its
 * user dirty and returns at once (a REGISTER on a SIP thread never waits for the database); one
 * background thread drains the dirty users, replacing each one's rows with its current bindings in
 * a transaction. When the database fails, the user stays dirty and the drain is retried every retry
 * interval (one WARN per outage, an INFO when writes succeed again). A user the database refuses
 * outright (deleted from {@code users}) is dropped with a WARN. Expired rows are purged every purge
 * interval. {@link #close()} writes what is still dirty.
 *
 * <p>One instance owns the bindings it holds: bindings written by another instance after this one
 * started are not seen until the next start.
 *
 * <p>Thread-safe; {@link #put}, {@link #remove}, {@link #removeAll} and {@link #bindings} never block.
 */
public final class DatabaseRegistrations implements Registrations, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRegistrations.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration retryInterval;
    private final InMemoryRegistrations memory = new InMemoryRegistrations();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Outage outage;
    private final ScheduledExecutorService writer;

    private DatabaseRegistrations(Jdbi jdbi, Clock clock, Duration retryInterval) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.retryInterval = retryInterval;
        this.outage = new Outage(LOG, "registrations-write", clock);
        this.writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sipcall-registrations-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Loads the unexpired bindings and starts the writer.
     *
     * @param retryInterval how long after a failed write it is tried again ({@code database.retry-interval})
     * @param purgeInterval how often expired rows are deleted
     * @throws DirectoryException when the database cannot be read
     */
    public static DatabaseRegistrations start(Jdbi jdbi, Clock clock, Duration retryInterval, Duration purgeInterval) {
        DatabaseRegistrations registrations = new DatabaseRegistrations(jdbi, clock, retryInterval);
        int loaded = registrations.load();
        long purgeMillis = Math.max(1, purgeInterval.toMillis());
        registrations.writer.scheduleWithFixedDelay(registrations::purgeQuietly, purgeMillis, purgeMillis,
                TimeUnit.MILLISECONDS);
        LOG.info("event=registrations-loaded bindings={}", loaded);
        return registrations;
    }

    @Override
    public void put(String userId, Binding binding) {
        memory.put(userId, binding);
        changed(userId);
    }

    @Override
    public void remove(String userId, String contact) {
        memory.remove(userId, contact);
        changed(userId);
    }

    @Override
    public void removeAll(String userId) {
        memory.removeAll(userId);
        changed(userId);
    }

    @Override
    public List<Binding> bindings(String userId, Instant now) {
        return memory.bindings(userId, now);
    }

    /** How many users have changes not yet written. */
    public int pendingUsers() {
        return dirty.size();
    }

    /** Writes what is still dirty (waiting up to 30 s), then stops the writer. */
    @Override
    public void close() {
        Future<Boolean> flushed;
        try {
            flushed = writer.submit(this::writeDirty);
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        }
        try {
            if (!flushed.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("event=registrations-unsaved users={} note=\"the database failed at shutdown; these "
                        + "users' latest bindings are not kept\"", dirty.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("event=registrations-unsaved users={} error=\"{}\"", dirty.size(), e.toString());
        } finally {
            writer.shutdownNow();
        }
    }

    private void changed(String userId) {
        dirty.add(userId);
        scheduleDrain(Duration.ZERO);
    }

    private void scheduleDrain(Duration delay) {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                writer.schedule(this::drain, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                drainScheduled.set(false); // closed: close() wrote what it could
            }
        }
    }

    private void drain() {
        // Cleared before writing: a change made while writing schedules the next drain.
        drainScheduled.set(false);
        if (!writeDirty()) {
            scheduleDrain(retryInterval);
        }
    }

    /** Writes every dirty user; false when the database failed (that user and the rest stay dirty). */
    private boolean writeDirty() {
        for (String userId : List.copyOf(dirty)) {
            if (!dirty.remove(userId)) {
                continue;
            }
            try {
                write(userId); // reads the bindings after clearing the mark: a later change marks it again
                outage.succeeded();
            } catch (RuntimeException e) {
                if (SqlFailures.isPermanent(e)) {
                    LOG.warn("event=registration-not-kept user={} sql_state={} note=\"the database refuses this "
                            + "user's bindings (not in users?); they live in memory only\"", userId,
                            SqlFailures.sqlState(e).orElse(""));
                    continue;
                }
                dirty.add(userId);
                outage.failed(e instanceof JdbiException jdbiFailure
                        ? SqlFailures.translate("write the registrations of user '" + userId + "'", jdbiFailure) : e,
                        "the bindings of " + dirty.size() + " user(s) wait in memory");
                return false;
            }
        }
        return true;
    }

    private void write(String userId) {
        List<Binding> current = memory.bindings(userId, clock.instant());
        jdbi.useTransaction(handle -> {
            SqlFailures.quiet(handle);
            handle.createUpdate("DELETE FROM registrations WHERE user_id = :user").bind("user", userId).execute();
            if (current.isEmpty()) {
                return;
            }
            PreparedBatch batch = handle.prepareBatch("INSERT INTO registrations (user_id, contact, expires_at, "
                    + "call_id, cseq, source) VALUES (:user, :contact, :expires_at, :call_id, :cseq, :source)");
            for (Binding binding : current) {
                batch.bind("user", userId)
                        .bind("contact", binding.contact())
                        .bind("expires_at", OffsetDateTime.ofInstant(binding.expiresAt(), ZoneOffset.UTC))
                        .bind("call_id", binding.callId())
                        .bind("cseq", binding.cseq())
                        .bind("source", binding.source())
                        .add();
            }
            batch.execute();
        });
    }

    /** One stored binding. */
    private record Row(String userId, Binding binding) {
    }

    private int load() {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Row> rows;
        try {
            rows = jdbi.inTransaction(handle -> {
                SqlFailures.quiet(handle);
                handle.createUpdate("DELETE FROM registrations WHERE expires_at <= :now").bind("now", now).execute();
                return handle.createQuery("SELECT user_id, contact, expires_at, call_id, cseq, source FROM registrations")
                        .map((rs, ctx) -> new Row(rs.getString("user_id"), new Binding(rs.getString("contact"),
                                rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getString("call_id"),
                                rs.getLong("cseq"), rs.getString("source"))))
                        .list();
            });
        } catch (JdbiException e) {
            throw SqlFailures.translate("load the registrations", e);
        }
        rows.forEach(row -> memory.put(row.userId(), row.binding()));
        return rows.size();
    }

    private void purgeQuietly() {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            int purged = jdbi.withHandle(handle -> SqlFailures.quiet(handle)
                    .createUpdate("DELETE FROM registrations WHERE expires_at <= :now").bind("now", now).execute());
            if (purged > 0) {
                LOG.debug("event=registrations-purged rows={}", purged);
            }
        } catch (RuntimeException e) {
            LOG.debug("event=registrations-purge-failed error=\"{}\"", e.getMessage()); // the writer reports outages
        }
    }
}
