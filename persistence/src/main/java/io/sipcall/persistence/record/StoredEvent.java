package io.sipcall.persistence.record;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a call's timeline, a row of {@code call_events}.
 *
 * @param seq    its place in the call's timeline, from 1
 * @param at     when it happened
 * @param type   what happened: {@code started}, {@code routed}, {@code ringing}, {@code answered},
 *               {@code failed}, {@code ended}
 * @param detail further facts, JSON-friendly values only (strings, integers, booleans); never a phone
 *               number
 */
public record StoredEvent(int seq, Instant at, String type, Map<String, Object> detail) {

    public StoredEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
}
