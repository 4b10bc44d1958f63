package io.sipcall.sip.route;

import io.sipcall.config.RateConfig;
import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.EndReason;
import io.sipcall.sip.port.RouteDecision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user calls in progress and spend of the current UTC day, fed by the B2BUA's call events, read
 * by {@link TollFraudGuard} for {@code users.ID.max-concurrent-calls} and {@code users.ID.daily-spend-cap}.
 *
 * <p>It must be among the B2BUA's {@link CallEventSink}s, and it must be the instance the guard reads.
 * <ul>
 *   <li>{@code onStarted} with a user: the call counts as in progress for that user. The B2BUA
 *       delivers it before it asks the route policy, so the call being routed is already counted.</li>
 *   <li>{@code onRouted}: the target's price per minute is remembered (on failover, the last target's).</li>
 *   <li>{@code onAnswered}: the answer time is remembered.</li>
 *   <li>{@code onEnded}: the call is no longer in progress; if it was answered, its cost (see
 *       {@link #cost}) is added to the user's spend of the UTC day it was answered on.</li>
 * </ul>
 * A call is charged when it ends: calls in progress are not in {@link #spentToday}, so a running call
 * can take a user past the cap (the concurrent-call limit and {@code sip.max-call-duration} bound by
 * how much). Calls on unrated trunks cost nothing here. Only the latest day's spend is kept per user:
 * earlier days are dropped, so memory is bounded by the number of users.
 *
 * <p>In memory only, so it starts empty after a restart. Thread-safe and lock-free: events of
 * different calls arrive concurrently from their executors; events of one call arrive in order.
 */
public final class UsageLedger implements CallEventSink {

    private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);
    /** Places kept below the currency's minor unit while summing. */
    private static final int EXTRA_PRECISION = 6;

    private final Currency currency;
    private final Clock clock;
    private final Map<CallId, Usage> calls = new ConcurrentHashMap<>();
    private final Map<String, Integer> active = new ConcurrentHashMap<>();
    private final Map<String, DaySpend> spend = new ConcurrentHashMap<>();

    /** One call of a user: its rate once routed, its answer time once answered. */
    private record Usage(String userId, Optional<BigDecimal> pricePerMinute, Optional<Instant> answered,
            Optional<Instant> ending) {
    }

    /** What a user spent on one UTC day. */
    private record DaySpend(LocalDate day, BigDecimal amount) {
    }

    /**
     * @param currency the rates' currency: costs are rounded to its minor unit
     * @param clock    the time of answers and ends, and what "today" (UTC) is
     */
    public UsageLedger(Currency currency, Clock clock) {
        this.currency = Objects.requireNonNull(currency, "currency");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A ledger in the currency of {@code rates} ({@code USD} when there are none). */
    public static UsageLedger forRates(List<RateConfig> rates, Clock clock) {
        return new UsageLedger(currencyOf(rates), clock);
    }

    /** The currency of {@code rates}, which share one ({@code USD} when there are none). */
    public static Currency currencyOf(List<RateConfig> rates) {
        return Currency.getInstance(rates.isEmpty() ? "USD" : rates.get(0).currency());
    }

    /** The currency spend is counted in. */
    public Currency currency() {
        return currency;
    }

    /** Calls of this user in progress: started and not yet ended (including one being routed). */
    public int activeCalls(String userId) {
        return active.getOrDefault(userId, 0);
    }

    /**
     * What this user's calls that ended cost today (UTC, by the day each was answered), rounded up to
     * the currency's minor unit ({@code 0.02} USD, {@code 3} JPY).
     */
    public BigDecimal spentToday(String userId) {
        DaySpend day = spend.get(userId);
        BigDecimal amount = day != null && day.day().equals(today()) ? day.amount() : BigDecimal.ZERO;
        return amount.setScale(minorUnit(currency), RoundingMode.UP);
    }

    /**
     * What an answered call costs: per-second billing, the talk time rounded up to whole seconds with
     * a minimum of one second, times the price per minute / 60. Kept exact to six places below the
     * currency's minor unit (rounded up there): rounding every call to whole cents would make a
     * hundred 10-second calls at 0.0060/min cost 1.00 instead of 0.10. {@link #spentToday} rounds
     * the day's sum up to the minor unit. 61.2 s at 0.0100/min is 62 s: 0.01033334.
     */
    public static BigDecimal cost(BigDecimal pricePerMinute, Duration talkTime, Currency currency) {
        long millis = Math.max(0, talkTime.toMillis());
        long seconds = Math.max(1, (millis + 999) / 1000);
        return pricePerMinute.multiply(BigDecimal.valueOf(seconds))
                .divide(SECONDS_PER_MINUTE, minorUnit(currency) + EXTRA_PRECISION, RoundingMode.UP);
    }

    private static int minorUnit(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    @Override
    public void onStarted(CallId callId, CallStart start) {
        start.userId().filter(id -> !id.isEmpty()).ifPresent(userId -> {
            if (calls.putIfAbsent(callId, new Usage(userId, Optional.empty(), Optional.empty(), Optional.empty())) == null) {
                active.merge(userId, 1, Integer::sum);
            }
        });
    }

    @Override
    public void onRouted(CallId callId, RouteDecision.Target target) {
        calls.computeIfPresent(callId, (id, usage) -> new Usage(usage.userId(), target.pricePerMinute(), usage.answered(),
                usage.ending()));
    }

    @Override
    public void onAnswered(CallId callId) {
        Instant now = clock.instant();
        calls.computeIfPresent(callId, (id, usage) -> new Usage(usage.userId(), usage.pricePerMinute(), Optional.of(now),
                usage.ending()));
    }

    /** Talk time stops when the call's end is decided, not when its legs are finally torn down. */
    @Override
    public void onEnding(CallId callId, EndReason reason) {
        Instant now = clock.instant();
        calls.computeIfPresent(callId, (id, usage) -> usage.ending().isPresent() ? usage
                : new Usage(usage.userId(), usage.pricePerMinute(), usage.answered(), Optional.of(now)));
    }

    @Override
    public void onEnded(CallId callId, EndReason reason) {
        Usage usage = calls.remove(callId);
        if (usage == null) {
            return;
        }
        active.computeIfPresent(usage.userId(), (user, count) -> count <= 1 ? null : count - 1);
        if (usage.answered().isPresent() && usage.pricePerMinute().isPresent()) {
            Instant answered = usage.answered().get();
            Instant ended = usage.ending().orElseGet(clock::instant);
            BigDecimal cost = cost(usage.pricePerMinute().get(), Duration.between(answered, ended), currency);
            charge(usage.userId(), answered.atZone(ZoneOffset.UTC).toLocalDate(), cost);
        }
    }

    /**
     * Adds {@code amount}, already spent by {@code userId} on {@code day} in calls this ledger did not
     * see (before a restart: the call records say), so a restart does not reset a daily spend cap.
     */
    public void restore(String userId, LocalDate day, BigDecimal amount) {
        charge(userId, day, amount);
    }

    /** Adds to the user's spend of {@code day}; a day older than the one kept is already over and dropped. */
    private void charge(String userId, LocalDate day, BigDecimal cost) {
        spend.compute(userId, (user, kept) -> {
            if (kept == null || kept.day().isBefore(day)) {
                return new DaySpend(day, cost);
            }
            return kept.day().equals(day) ? new DaySpend(day, kept.amount().add(cost)) : kept;
        });
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
