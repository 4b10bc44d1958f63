package io.sipcall.persistence.directory;

import io.sipcall.persistence.audit.AuditEntry;
import java.util.Objects;

/**
 * Who makes a directory change and from where, as the audit log records it.
 *
 * @param actor  a user id, or {@link AuditEntry#SYSTEM}
 * @param source the client address, or {@code config}
 */
public record Origin(String actor, String source) {

    /** Seeding from the configuration file at start. */
    public static final Origin CONFIG = new Origin(AuditEntry.SYSTEM, "config");

    public Origin {
        Objects.requireNonNull(actor, "actor");
        source = source == null ? "" : source;
    }
}
