package io.sipcall.persistence.directory;

import io.sipcall.config.RateConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.directory.ConfigDirectory;
import io.sipcall.sip.port.Directory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Directory} of users, credentials, trunks and rates kept in PostgreSQL, served from an
 * immutable snapshot in memory: lookups never touch the database, so calls go on while it is down.
 *
 * <p>The snapshot is loaded at {@link #start} (which fails when the database cannot be read), then
 * reloaded every refresh interval on the directory's own daemon thread, and by {@link #refresh()}
 * (call it after an admin write to make the change visible at once). A reload that fails keeps the
 * last snapshot in service, with one WARN per outage and an INFO when a reload succeeds again. A
 * reload that finds nothing changed keeps the snapshot; one that finds changes keeps the previous
 * trunks or rates instances when those did not change, so a route policy following this directory
 * rebuilds only when its inputs changed.
 *
 * <p>Thread-safe: lookups read one volatile field.
 */
public final class DatabaseDirectory implements Directory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseDirectory.class);

    private final DirectoryStore store;
    private final Clock clock;
    private final Outage outage;
    private final ScheduledExecutorService refresher;
    private volatile Loaded current;

    /** A snapshot, its lookups, and when the database last confirmed it. */
    private record Loaded(DirectorySnapshot snapshot, ConfigDirectory lookups, Instant confirmedAt) {
        Loaded confirmed(Instant now) {
            return new Loaded(snapshot, lookups, now);
        }

        /** The lookups of {@code next}, sharing this one's trunks or rates where they are equal. */
        Loaded replacedBy(DirectorySnapshot next, Instant now) {
            Map<String, TrunkConfig> trunks = next.trunks().equals(snapshot.trunks()) ? lookups.trunks() : next.trunks();
            List<RateConfig> rates = next.rates().equals(snapshot.rates()) ? lookups.rates() : next.rates();
            return new Loaded(next, new ConfigDirectory(next.users(), trunks, rates), now);
        }
    }

    private DatabaseDirectory(DirectoryStore store, Clock clock, DirectorySnapshot first) {
        this.store = store;
        this.clock = clock;
        this.outage = new Outage(LOG, "directory-refresh", clock);
        this.current = new Loaded(first, new ConfigDirectory(first.users(), first.trunks(), first.rates()),
                clock.instant());
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sipcall-directory-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Loads the directory and starts reloading it every {@code refreshInterval}.
     *
     * @throws DirectoryException when the database cannot be read
     */
    public static DatabaseDirectory start(DirectoryStore store, Duration refreshInterval, Clock clock) {
        DirectorySnapshot first = store.loadSnapshot();
        DatabaseDirectory directory = new DatabaseDirectory(store, clock, first);
        long millis = Math.max(1, refreshInterval.toMillis());
        directory.refresher.scheduleWithFixedDelay(directory::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
        LOG.info("event=directory-loaded users={} trunks={} rates={} refresh_ms={}", first.users().size(),
                first.trunks().size(), first.rates().size(), millis);
        return directory;
    }

    /** As {@link #start(DirectoryStore, Duration, Clock)} on the system clock. */
    public static DatabaseDirectory start(DirectoryStore store, Duration refreshInterval) {
        return start(store, refreshInterval, Clock.systemUTC());
    }

    /**
     * Reloads the snapshot now, on the calling thread (which waits for the database; never a SIP
     * thread).
     *
     * @return whether the snapshot in service is now the database's; false when the reload failed
     *         and the last one stays in service
     */
    public synchronized boolean refresh() {
        DirectorySnapshot next;
        try {
            next = store.loadSnapshot();
        } catch (RuntimeException e) {
            outage.failed(e, "lookups are answered from the snapshot loaded at " + current.confirmedAt());
            return false;
        }
        outage.succeeded();
        Loaded previous = current;
        Instant now = clock.instant();
        if (next.equals(previous.snapshot())) {
            current = previous.confirmed(now);
        } else {
            current = previous.replacedBy(next, now);
            LOG.info("event=directory-changed users={} trunks={} rates={}", next.users().size(),
                    next.trunks().size(), next.rates().size());
        }
        return true;
    }

    /** A scheduled task that throws is never run again: nothing may escape. */
    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            outage.failed(e, "lookups are answered from the last snapshot");
        }
    }

    /** When the database last confirmed the snapshot in service (its age during an outage). */
    public Instant confirmedAt() {
        return current.confirmedAt();
    }

    /** Whether the last reload failed, so lookups are answered from an older snapshot. */
    public boolean isStale() {
        return outage.isFailing();
    }

    @Override
    public Optional<User> userBySipUsername(String sipUsername) {
        return current.lookups().userBySipUsername(sipUsername);
    }

    @Override
    public Optional<User> user(String userId) {
        return current.lookups().user(userId);
    }

    @Override
    public Map<String, TrunkConfig> trunks() {
        return current.lookups().trunks();
    }

    @Override
    public List<RateConfig> rates() {
        return current.lookups().rates();
    }

    /** Stops reloading; lookups keep answering from the last snapshot. */
    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
