package io.sipcall.persistence.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One audit log entry.
 *
 * @param at     when (set by the database when written)
 * @param actor  a user id, or {@link #SYSTEM}
 * @param source where the action came from: the client address, or {@code config}, {@code scheduler}
 * @param action what was done, {@code noun.verb-ed}: {@code user.created}, {@code privacy.exported}
 * @param target what it was done to, {@code kind:id}: {@code user:alice}, {@code trunk:telnyx}
 * @param detail further facts (never secrets or full phone numbers)
 */
public record AuditEntry(Instant at, String actor, String source, String action, String target,
        Map<String, Object> detail) {

    /** The actor of what SIPCall does by itself (seeding, retention). */
    public static final String SYSTEM = "system";

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        source = source == null ? "" : source;
        Objects.requireNonNull(action, "action");
        target = target == null ? "" : target;
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    /** An entry to write (its time is the database's). */
    public static AuditEntry of(String actor, String source, String action, String target, Map<String, Object> detail) {
        return new AuditEntry(null, actor, source, action, target, detail);
    }
}
