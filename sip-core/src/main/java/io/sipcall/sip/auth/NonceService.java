package io.sipcall.sip.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the nonces of our Digest challenges without storing what it issued (RFC 7616
 * 3.3 and 5.5). A nonce is base64url of {@code issue-time (8 bytes) | random (8 bytes) |
 * HMAC-SHA256(key, first 16 bytes) truncated to 16 bytes}, with a random key per instance (one per
 * process): only this instance can mint one, and its age is read from it. The random part makes two
 * nonces issued in the same millisecond different, so their nonce counts are tracked apart.
 *
 * <p>Replays are caught by nonce count (RFC 7616 5.5): the highest nc seen per nonce is kept until
 * the nonce expires. That table is bounded: when full, expired entries go first, then the least
 * recently first-used ones, and every nonce issued no later than an evicted one is answered
 * {@link NonceCheck#STALE} from then on, so eviction can only cost a client a fresh challenge, never
 * let a replay through.
 *
 * <p>Thread-safe. {@link #check} records the nc before the response is verified: a request with a
 * wrong password still uses up its nc, which an honest client never reuses anyway.
 */
public final class NonceService {

    /** Default bound of the nc table: at 100 bytes an entry, about 10 MB. */
    public static final int DEFAULT_MAX_TRACKED = 100_000;

    private static final int TIME_BYTES = 8;
    private static final int RANDOM_BYTES = 8;
    private static final int MAC_BYTES = 16;
    private static final int NONCE_BYTES = TIME_BYTES + RANDOM_BYTES + MAC_BYTES;
    /** Nonces dated this far ahead of our clock are still ours (the clock was set back). */
    private static final long FUTURE_SKEW_MILLIS = 5_000;
    private static final Pattern NC = Pattern.compile("[0-9a-fA-F]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final long lifetimeMillis;
    private final int maxTracked;
    private final SecretKeySpec key;
    /** Highest nc per nonce, in order of first use. Guarded by {@code this}. */
    private final LinkedHashMap<String, long[]> highestNc = new LinkedHashMap<>();
    /** Nonces issued at or before this were evicted from the table, or may have been. Guarded by {@code this}. */
    private long evictedUpTo = Long.MIN_VALUE;

    /**
     * @param clock    the time nonces are dated and aged with
     * @param lifetime how long a nonce stays valid; after that {@link #check} says STALE
     */
    public NonceService(Clock clock, Duration lifetime) {
        this(clock, lifetime, DEFAULT_MAX_TRACKED);
    }

    /** @param maxTracked most nonces whose nc is remembered at once */
    public NonceService(Clock clock, Duration lifetime, int maxTracked) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("nonce lifetime must be positive: " + lifetime);
        }
        if (maxTracked < 4) {
            throw new IllegalArgumentException("maxTracked must be at least 4: " + maxTracked);
        }
        this.lifetimeMillis = lifetime.toMillis();
        this.maxTracked = maxTracked;
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A fresh nonce for a challenge. */
    public String issue() {
        ByteBuffer nonce = ByteBuffer.allocate(NONCE_BYTES);
        nonce.putLong(clock.millis());
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        nonce.put(random);
        nonce.put(mac(Arrays.copyOf(nonce.array(), TIME_BYTES + RANDOM_BYTES)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce.array());
    }

    /**
     * Checks a nonce and its count from a client's credentials.
     *
     * @param nc the {@code nc} parameter; null for an RFC 2069 client (no qop), which counts as
     *           {@code 00000001}: such a nonce is good for one request
     */
    public NonceCheck check(String nonce, String nc) {
        byte[] raw = decode(nonce);
        if (raw == null || !MessageDigest.isEqual(mac(Arrays.copyOf(raw, TIME_BYTES + RANDOM_BYTES)),
                Arrays.copyOfRange(raw, TIME_BYTES + RANDOM_BYTES, NONCE_BYTES))) {
            return NonceCheck.INVALID;
        }
        if (nc != null && !NC.matcher(nc).matches()) {
            return NonceCheck.INVALID;
        }
        long count = nc == null ? 1 : Long.parseLong(nc, 16);
        long issued = ByteBuffer.wrap(raw).getLong();
        long now = clock.millis();
        if (now - issued >= lifetimeMillis || issued - now > FUTURE_SKEW_MILLIS) {
            return NonceCheck.STALE;
        }
        // Keyed by the canonical encoding: two spellings of the same bytes are one nonce.
        return track(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), issued, count, now);
    }

    /** Nonces whose nc is remembered now (for tests and metrics). */
    public synchronized int tracked() {
        return highestNc.size();
    }

    private synchronized NonceCheck track(String nonce, long issued, long count, long now) {
        long[] seen = highestNc.get(nonce);
        if (seen == null) {
            if (issued <= evictedUpTo) {
                return NonceCheck.STALE;
            }
            highestNc.put(nonce, new long[] {issued, count});
            if (highestNc.size() > maxTracked) {
                evict(now);
            }
            return NonceCheck.VALID;
        }
        if (count <= seen[1]) {
            return NonceCheck.REPLAY;
        }
        seen[1] = count;
        return NonceCheck.VALID;
    }

    /** Drops expired entries, then the oldest first-used ones down to three quarters of the bound. */
    private void evict(long now) {
        highestNc.values().removeIf(seen -> now - seen[0] >= lifetimeMillis);
        Iterator<Map.Entry<String, long[]>> oldest = highestNc.entrySet().iterator();
        while (highestNc.size() > maxTracked * 3 / 4 && oldest.hasNext()) {
            evictedUpTo = Math.max(evictedUpTo, oldest.next().getValue()[0]);
            oldest.remove();
        }
    }

    private static byte[] decode(String nonce) {
        if (nonce == null || nonce.length() > 64) {
            return null;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(nonce);
            return raw.length == NONCE_BYTES ? raw : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(data), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is required of every Java platform (Mac javadoc).
            throw new IllegalStateException("HmacSHA256 is unusable", e);
        }
    }
}
