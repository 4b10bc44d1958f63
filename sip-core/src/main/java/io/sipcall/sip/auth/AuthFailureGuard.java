package io.sipcall.sip.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocks a source (an IP address, a user name) after too many authentication failures: fail2ban in
 * the process. {@code maxFailures} failures within {@code window} of the first one block the source
 * for {@code blockFor}; a success, or a window passing without reaching the limit, starts the count
 * again.
 *
 * <p>Memory is bounded: beyond {@code maxSources} entries, finished entries are dropped first, then
 * unblocked ones (oldest window first), and blocked ones (soonest to expire first) only as a last
 * resort, so a flood of new sources cannot easily free a blocked one.
 *
 * <p>Thread-safe: per-source updates are atomic ({@link ConcurrentHashMap#compute}); eviction takes a
 * lock only when the table is over its bound.
 */
public final class AuthFailureGuard {

    /** Default bound on remembered sources. */
    public static final int DEFAULT_MAX_SOURCES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureGuard.class);

    /** One source's count: failures since {@code windowStart}; blocked until {@code blockedUntil} if set. */
    private record Entry(Instant windowStart, int failures, Instant blockedUntil) {
        boolean blockedAt(Instant now) {
            return blockedUntil != null && now.isBefore(blockedUntil);
        }
    }

    private final int maxFailures;
    private final Duration window;
    private final Duration blockFor;
    private final Clock clock;
    private final int maxSources;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public AuthFailureGuard(int maxFailures, Duration window, Duration blockFor, Clock clock) {
        this(maxFailures, window, blockFor, clock, DEFAULT_MAX_SOURCES);
    }

    public AuthFailureGuard(int maxFailures, Duration window, Duration blockFor, Clock clock, int maxSources) {
        if (maxFailures < 1 || maxSources < 4) {
            throw new IllegalArgumentException("maxFailures must be at least 1 and maxSources at least 4");
        }
        this.maxFailures = maxFailures;
        this.window = Objects.requireNonNull(window, "window");
        this.blockFor = Objects.requireNonNull(blockFor, "blockFor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxSources = maxSources;
    }

    /** Whether requests from {@code source} are to be refused now, without checking their credentials. */
    public boolean blocked(String source) {
        Entry entry = entries.get(source);
        return entry != null && entry.blockedAt(clock.instant());
    }

    /** Counts a failed authentication from {@code source}. */
    public void failed(String source) {
        Instant now = clock.instant();
        boolean[] justBlocked = {false};
        entries.compute(source, (s, entry) -> {
            if (entry != null && entry.blockedAt(now)) {
                return entry;
            }
            if (entry == null || entry.blockedUntil() != null || !now.isBefore(entry.windowStart().plus(window))) {
                entry = new Entry(now, 0, null);
            }
            int failures = entry.failures() + 1;
            justBlocked[0] = failures >= maxFailures;
            return new Entry(entry.windowStart(), failures, justBlocked[0] ? now.plus(blockFor) : null);
        });
        if (justBlocked[0]) {
            LOG.warn("authentication source {} blocked for {} after {} failures", source, blockFor, maxFailures);
        }
        if (entries.size() > maxSources) {
            evict(now);
        }
    }

    /** A successful authentication from {@code source}: its failures are forgotten, unless it is blocked. */
    public void succeeded(String source) {
        Instant now = clock.instant();
        entries.computeIfPresent(source, (s, entry) -> entry.blockedAt(now) ? entry : null);
    }

    /** Sources remembered now (for tests and metrics). */
    public int size() {
        return entries.size();
    }

    private synchronized void evict(Instant now) {
        if (entries.size() <= maxSources) {
            return;
        }
        entries.entrySet().removeIf(e -> finished(e.getValue(), now));
        int target = maxSources * 3 / 4;
        removeOldest(e -> !e.getValue().blockedAt(now),
                Comparator.comparing(e -> e.getValue().windowStart()), target);
        removeOldest(e -> true, Comparator.comparing(e -> e.getValue().blockedUntil(),
                Comparator.nullsFirst(Comparator.naturalOrder())), target);
    }

    /** An entry that no longer matters: its block ended, or its window passed without a block. */
    private boolean finished(Entry entry, Instant now) {
        return entry.blockedUntil() != null ? !entry.blockedAt(now) : !now.isBefore(entry.windowStart().plus(window));
    }

    private void removeOldest(Predicate<Map.Entry<String, Entry>> which,
            Comparator<Map.Entry<String, Entry>> order, int target) {
        int excess = entries.size() - target;
        if (excess <= 0) {
            return;
        }
        entries.entrySet().stream().filter(which).sorted(order).limit(excess).map(Map.Entry::getKey).toList()
                .forEach(entries::remove);
    }
}
