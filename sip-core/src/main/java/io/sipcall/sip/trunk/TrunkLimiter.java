package io.sipcall.sip.trunk;

import io.sipcall.config.TrunkConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-trunk limits: concurrent channels ({@code max-channels}) and new calls per second
 * ({@code max-calls-per-second}, a token bucket: Telnyx allows 20/s per source). A call takes a
 * channel for each attempt on a trunk and gives it back when the attempt or the call ends.
 */
public final class TrunkLimiter {

    private final Map<String, Limits> trunks = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public TrunkLimiter(Map<String, TrunkConfig> trunks) {
        this(trunks, System::nanoTime);
    }

    /** With a clock for tests. */
    public TrunkLimiter(Map<String, TrunkConfig> trunks, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        trunks.forEach((name, trunk) -> this.trunks.put(name,
                new Limits(trunk.maxChannels(), trunk.maxCallsPerSecond(), nanoClock.getAsLong())));
    }

    /** Takes a channel and a rate token on {@code trunk}; false (taking nothing) when either is exhausted. */
    public boolean tryAcquire(String trunk) {
        Limits limits = trunks.get(trunk);
        return limits == null || limits.tryAcquire(nanoClock.getAsLong());
    }

    /** Gives back the channel taken by a successful {@link #tryAcquire}. */
    public void release(String trunk) {
        Limits limits = trunks.get(trunk);
        if (limits != null) {
            limits.release();
        }
    }

    /** Channels in use on {@code trunk}. */
    public int channelsInUse(String trunk) {
        Limits limits = trunks.get(trunk);
        return limits == null ? 0 : limits.inUse();
    }

    private static final class Limits {
        private final int maxChannels;
        private final double ratePerSecond;
        private final double burst;
        private int inUse;
        private double tokens;
        private long lastRefill;

        Limits(int maxChannels, double ratePerSecond, long now) {
            this.maxChannels = maxChannels;
            this.ratePerSecond = ratePerSecond;
            this.burst = Math.max(1, ratePerSecond);
            this.tokens = burst;
            this.lastRefill = now;
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
