package io.sipcall.sip.trunk;

import io.sipcall.config.TrunkConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Per-trunk limits: concurrent channels ({@code max-channels}) and new calls per second
 * ({@code max-calls-per-second}, a token bucket: Telnyx allows 20/s per source). A call takes a
 * channel for each attempt on a trunk and gives it back when the attempt or the call ends.
 *
 * <p>The limits follow the directory: a trunk added or changed there is limited by its new settings
 * from its next call on (the directory hands out a new {@link TrunkConfig} instance on a change),
 * with the channels already in use carried over.
 */
public final class TrunkLimiter {

    private final Map<String, Limits> limits = new ConcurrentHashMap<>();
    private final Supplier<Map<String, TrunkConfig>> trunks;
    private final LongSupplier nanoClock;

    /** Limits of a fixed set of trunks. */
    public TrunkLimiter(Map<String, TrunkConfig> trunks) {
        this(() -> trunks, System::nanoTime);
    }

    /** Limits of the trunks {@code trunks} supplies now (the directory's, read on each call). */
    public TrunkLimiter(Supplier<Map<String, TrunkConfig>> trunks) {
        this(trunks, System::nanoTime);
    }

    /** With a clock for tests. */
    public TrunkLimiter(Supplier<Map<String, TrunkConfig>> trunks, LongSupplier nanoClock) {
        this.trunks = trunks;
        this.nanoClock = nanoClock;
    }

    /** Takes a channel and a rate token on {@code trunk}; false (taking nothing) when either is exhausted. */
    public boolean tryAcquire(String trunk) {
        TrunkConfig config = trunks.get().get(trunk);
        if (config == null) {
            return true;
        }
        Limits current = limits.compute(trunk, (name, old) -> old != null && old.config == config ? old
                : new Limits(config, old == null ? 0 : old.inUse(), nanoClock.getAsLong()));
        return current.tryAcquire(nanoClock.getAsLong());
    }

    /** Gives back the channel taken by a successful {@link #tryAcquire}. */
    public void release(String trunk) {
        Limits current = limits.get(trunk);
        if (current != null) {
            current.release();
        }
    }

    /** Channels in use on {@code trunk}. */
    public int channelsInUse(String trunk) {
        Limits current = limits.get(trunk);
        return current == null ? 0 : current.inUse();
    }

    private static final class Limits {
        private final TrunkConfig config;
        private final int maxChannels;
        private final double ratePerSecond;
        private final double burst;
        private int inUse;
        private double tokens;
        private long lastRefill;

        Limits(TrunkConfig config, int inUse, long now) {
            this.config = config;
            this.maxChannels = config.maxChannels();
            this.ratePerSecond = config.maxCallsPerSecond();
            this.burst = Math.max(1, ratePerSecond);
            this.tokens = burst;
            this.lastRefill = now;
            this.inUse = inUse;
        }

        synchronized boolean tryAcquire(long now) {
            if (maxChannels > 0 && inUse >= maxChannels) {
                return false;
            }
            if (ratePerSecond > 0) {
                tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * ratePerSecond);
                lastRefill = now;
                if (tokens < 1) {
                    return false;
                }
                tokens -= 1;
            }
            inUse++;
            return true;
        }

        synchronized void release() {
            if (inUse > 0) {
                inUse--;
            }
        }

        synchronized int inUse() {
            return inUse;
        }
    }
}
