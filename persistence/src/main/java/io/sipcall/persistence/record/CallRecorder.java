package io.sipcall.persistence.record;

import io.sipcall.persistence.crypto.KeyRing;
import io.sipcall.persistence.record.StoredCall.Direction;
import io.sipcall.persistence.record.StoredCall.Disposition;
import io.sipcall.persistence.record.StoredCall.HangupSide;
import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.EndReason;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.route.NumberNormaliser;
import io.sipcall.sip.route.UsageLedger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the B2BUA's call events into {@link StoredCall}s: it keeps each call's facts while the call
 * runs and, when it ends, builds the record (numbers encrypted, the dialled number's lookup HMAC,
 * disposition, durations, cost) and hands it to the writer ({@link RecordWriter#submit}).
 *
 * <p>Called on each call's serial executor; it never blocks and never throws: a failure is logged at
 * ERROR once per call, with the call id, and the call goes on. State of different calls is
 * independent; one call's state is changed only inside {@link ConcurrentHashMap#computeIfPresent},
 * which also makes it visible to the next event's thread.
 */
public final class CallRecorder implements CallEventSink {

    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);
    /** {@code calls.cost} is numeric(14, 6): round up here so the spool and the table agree. */
    private static final int COST_SCALE = 6;

    private final KeyRing keys;
    private final Directory directory;
    private final NumberNormaliser normaliser;
    private final Currency currency;
    private final Clock clock;
    private final Consumer<StoredCall> writer;
    private final Map<CallId, CallState> calls = new ConcurrentHashMap<>();

    /**
     * @param keys       encrypts the numbers and computes the lookup HMAC
     * @param directory  gives the caller's country ({@code users.ID.default-country})
     * @param normaliser reads the dialled number as routing did; its default country applies to
     *                   calls without a user or whose user has no country
     * @param currency   the rates' currency: costs are in it
     * @param clock      the time of every event
     * @param writer     takes each finished record; must not block ({@link RecordWriter#submit})
     */
    public CallRecorder(KeyRing keys, Directory directory, NumberNormaliser normaliser, Currency currency,
            Clock clock, Consumer<StoredCall> writer) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.normaliser = Objects.requireNonNull(normaliser, "normaliser");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Calls started and not yet ended. */
    public int callsInProgress() {
        return calls.size();
    }

    @Override
    public void onStarted(CallId callId, CallStart start) {
        Instant now = now();
        guard(callId, "started", () -> {
            CallState state = new CallState(start, now);
            state.event(now, "started", Map.of("transport", String.valueOf(start.transport())));
            if (calls.putIfAbsent(callId, state) != null) {
                LOG.warn("event=call-record-duplicate-start callId={}", callId);
            }
        });
    }

    @Override
    public void onRouted(CallId callId, RouteDecision.Target target) {
        Instant now = now();
        update(callId, "routed", state -> {
            state.routed(target);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("attempt", state.attempts());
            detail.put("trunk", target.trunk());
            detail.put("transport", target.transport().name());
            target.pricePerMinute().ifPresent(price -> detail.put("pricePerMinute", price.toPlainString()));
            state.event(now, "routed", detail);
            return state;
        });
    }

    @Override
    public void onRinging(CallId callId, int status, boolean earlyMedia) {
        Instant now = now();
        update(callId, "ringing", state -> {
            state.ringing(now);
            state.event(now, "ringing", Map.of("status", status, "earlyMedia", earlyMedia));
            return state;
        });
    }

    @Override
    public void onAnswered(CallId callId) {
        Instant now = now();
        update(callId, "answered", state -> {
            state.answered(now);
            state.event(now, "answered", Map.of());
            return state;
        });
    }

    @Override
    public void onFailed(CallId callId, int status, String reason) {
        Instant now = now();
        update(callId, "failed", state -> {
            String masked = Redaction.maskDigits(reason);
            state.failed(status, masked);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", status);
            if (masked != null) {
                detail.put("reason", masked);
            }
            state.event(now, "failed", detail);
            return state;
        });
    }

    @Override
    public void onEnding(CallId callId, EndReason reason) {
        Instant now = now();
        update(callId, "ending", state -> {
            state.ending(now);
            return state;
        });
    }

    /**
     * Builds the record. The call ended when its end was decided ({@code onEnding}), not when its
     * last leg was torn down: a far end that never answers our BYE must not add 32 s of talk time.
     * The teardown's length is kept in the {@code ended} event.
     */
    @Override
    public void onEnded(CallId callId, EndReason reason) {
        Instant now = now();
        CallState state = calls.remove(callId);
        if (state == null) {
            LOG.warn("event=call-record-unknown-call callId={} reason={} note=\"ended without a start: no record\"",
                    callId, reason);
            return;
        }
        try {
            Instant ended = endOf(state, now);
            state.event(ended, "ended", Map.of("reason", reason.name(),
                    "teardownMs", (int) Math.min(Integer.MAX_VALUE, nonNegative(Duration.between(ended, now)).toMillis())));
            StoredCall call = build(callId, state, reason, ended);
            LOG.debug("event=call-record-built callId={} disposition={} attempts={}", callId, call.disposition(),
                    call.attempts());
            writer.accept(call);
        } catch (RuntimeException e) {
            fault(callId, state, "ended", e);
        }
    }

    /**
     * When the call ended for its users: when its end was decided, or the last thing that still
     * happened after that (the final response to a caller who cancelled), never the teardown's end.
     */
    private static Instant endOf(CallState state, Instant now) {
        if (state.endingAt() == null) {
            return now;
        }
        List<StoredEvent> events = state.events();
        Instant last = events.isEmpty() ? state.endingAt() : events.get(events.size() - 1).at();
        return last.isAfter(state.endingAt()) ? last : state.endingAt();
    }

    private StoredCall build(CallId callId, CallState s, EndReason reason, Instant ended) {
        boolean answered = s.answeredAt() != null;
        Duration talk = answered ? nonNegative(Duration.between(s.answeredAt(), ended)) : Duration.ZERO;
        Dialled dialled = dialled(s.start());
        String caller = s.start().caller();
        return new StoredCall(callId.value(), s.start().userId().filter(id -> !id.isBlank()).orElse(null),
                Direction.OUTBOUND, s.start().transport(),
                caller == null || caller.isBlank() ? null : keys.cipher().encrypt(caller, "calls.from_number"),
                dialled.encrypted(), dialled.hmac(), s.lastTrunk(), s.route(), s.attempts(),
                s.startedAt(), s.ringingAt(), s.answeredAt(), ended,
                nonNegative(Duration.between(s.startedAt(), ended)).toMillis(), talk.toMillis(),
                answered ? billedSeconds(talk) : 0, disposition(answered, s.failStatus(), reason),
                answered ? Integer.valueOf(200) : s.failStatus(), answered ? "OK" : s.failReason(),
                reason.name(), side(reason), s.price(), cost(answered, s.price(), talk), currency.getCurrencyCode(),
                null, null, null, s.events());
    }

    /** The dialled number: E.164 when it reads as one in the caller's country (then with its HMAC). */
    private Dialled dialled(CallStart start) {
        String raw = start.dialled();
        if (raw == null || raw.isBlank()) {
            return new Dialled(null, null);
        }
        String country = start.userId().flatMap(directory::user)
                .map(user -> user.config().defaultCountry().trim())
                .filter(code -> !code.isEmpty())
                .orElse(normaliser.defaultCountry());
        if (normaliser.normalise(raw, country) instanceof NumberNormaliser.Result.Valid valid) {
            String e164 = valid.number().e164();
            return new Dialled(keys.cipher().encrypt(e164, "calls.to_number"), keys.lookup().of(e164));
        }
        return new Dialled(keys.cipher().encrypt(raw, "calls.to_number"), null);
    }

    private record Dialled(String encrypted, byte[] hmac) {
    }

    static Disposition disposition(boolean answered, Integer status, EndReason reason) {
        if (answered) {
            return Disposition.ANSWERED;
        }
        if (status != null && (status == 486 || status == 600)) {
            return Disposition.BUSY;
        }
        if (reason == EndReason.CALLER_CANCELLED || (status != null && status == 487)) {
            return Disposition.CANCELLED;
        }
        return switch (reason) {
            case NO_ANSWER -> Disposition.NO_ANSWER;
            case REFUSED -> Disposition.REFUSED;
            default -> Disposition.FAILED;
        };
    }

    static HangupSide side(EndReason reason) {
        return switch (reason) {
            case CALLER_HANGUP, CALLER_CANCELLED -> HangupSide.CALLER;
            case CALLEE_HANGUP, REJECTED -> HangupSide.CALLEE;
            default -> HangupSide.SYSTEM;
        };
    }

    /** Whole seconds, rounded up, at least one: how {@link UsageLedger#cost} bills an answered call. */
    private static int billedSeconds(Duration talk) {
        return (int) Math.max(1, (talk.toMillis() + 999) / 1000);
    }

    /** Nothing for an unanswered call, unknown for an answered call on an unrated trunk. */
    private BigDecimal cost(boolean answered, BigDecimal price, Duration talk) {
        if (!answered) {
            return BigDecimal.ZERO;
        }
        return price == null ? null
                : UsageLedger.cost(price, talk, currency).setScale(COST_SCALE, RoundingMode.UP);
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /** Now, to the microsecond PostgreSQL keeps, so a record reads back equal to what was spooled. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void update(CallId callId, String event, UnaryOperator<CallState> change) {
        guard(callId, event, () -> {
            if (calls.computeIfPresent(callId, (id, state) -> change.apply(state)) == null) {
                LOG.debug("event=call-record-unknown-call callId={} during={}", callId, event);
            }
        });
    }

    private void guard(CallId callId, String event, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            fault(callId, calls.get(callId), event, e);
        }
    }

    /** Logs the first failure of a call; the call, and its record as far as possible, go on. */
    private static void fault(CallId callId, CallState state, String event, RuntimeException e) {
        if (state == null || state.markFaulted()) {
            LOG.error("event=call-record-failed callId={} during={} error=\"{}\" note=\"the call goes on; its "
                    + "record may be incomplete or missing\"", callId, event, e.toString(), e);
        }
    }
}
