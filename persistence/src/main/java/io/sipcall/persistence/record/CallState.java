package io.sipcall.persistence.record;

import io.sipcall.sip.port.CallEventSink.CallStart;
import io.sipcall.sip.port.RouteDecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@link CallRecorder} knows of one call in progress. Mutable, and changed only inside the
 * recorder map's {@code computeIfPresent}, one event at a time.
 */
final class CallState {

    private final CallStart start;
    private final Instant startedAt;
    private final List<String> trunks = new ArrayList<>();
    private final List<StoredEvent> events = new ArrayList<>();
    private final AtomicBoolean faulted = new AtomicBoolean();
    private BigDecimal price;
    private Instant ringingAt;
    private Instant answeredAt;
    private Instant endingAt;
    private Integer failStatus;
    private String failReason;

    CallState(CallStart start, Instant startedAt) {
        this.start = start;
        this.startedAt = startedAt;
    }

    void event(Instant at, String type, Map<String, Object> detail) {
        events.add(new StoredEvent(events.size() + 1, at, type, detail));
    }

    /** Another attempt; the price is the latest attempt's, which is the answering one if any answers. */
    void routed(RouteDecision.Target target) {
        trunks.add(target.trunk());
        price = target.pricePerMinute().orElse(null);
    }

    /** The first ringing counts: a later 180 after a 183 does not move it. */
    void ringing(Instant at) {
        if (ringingAt == null) {
            ringingAt = at;
        }
    }

    void answered(Instant at) {
        if (answeredAt == null) {
            answeredAt = at;
        }
    }

    /** When the call's end was decided: talk time and billing stop here. */
    void ending(Instant at) {
        if (endingAt == null) {
            endingAt = at;
        }
    }

    void failed(int status, String reason) {
        failStatus = status;
        failReason = reason;
    }

    /** True the first time only: the recorder logs a call's first failure, not every one. */
    boolean markFaulted() {
        return faulted.compareAndSet(false, true);
    }

    CallStart start() {
        return start;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant ringingAt() {
        return ringingAt;
    }

    Instant answeredAt() {
        return answeredAt;
    }

    /** When the end was decided, or null when no {@code onEnding} came. */
    Instant endingAt() {
        return endingAt;
    }

    Integer failStatus() {
        return failStatus;
    }

    String failReason() {
        return failReason;
    }

    BigDecimal price() {
        return price;
    }

    int attempts() {
        return trunks.size();
    }

    String lastTrunk() {
        return trunks.isEmpty() ? null : trunks.get(trunks.size() - 1);
    }

    /** Every trunk tried, in order, joined with {@code >}; null when none was. */
    String route() {
        return trunks.isEmpty() ? null : String.join(">", trunks);
    }

    List<StoredEvent> events() {
        return List.copyOf(events);
    }
}
