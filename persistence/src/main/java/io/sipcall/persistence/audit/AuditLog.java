package io.sipcall.persistence.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipcall.persistence.PersistenceException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Writes and reads the audit log. Thread-safe. */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Writes {@code entry} in its own transaction. */
    public void record(AuditEntry entry) {
        jdbi.useHandle(handle -> record(handle, entry));
    }

    /** Writes {@code entry} on {@code handle}, inside whatever transaction it has open. */
    public static void record(Handle handle, AuditEntry entry) {
        handle.createUpdate("INSERT INTO audit_log (actor, source, action, target, detail) "
                        + "VALUES (:actor, :source, :action, :target, CAST(:detail AS jsonb))")
                .bind("actor", entry.actor())
                .bind("source", entry.source())
                .bind("action", entry.action())
                .bind("target", entry.target())
                .bind("detail", json(entry.detail()))
                .execute();
    }

    /** The newest {@code limit} entries, newest first. */
    public List<AuditEntry> recent(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT at, actor, source, action, target, detail::text AS detail FROM audit_log "
                                + "ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map(AuditLog::entry)
                .list());
    }

    /** Entries by {@code actor} or about {@code target}, oldest first. */
    public List<AuditEntry> involving(String actor, String target) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT at, actor, source, action, target, detail::text AS detail FROM audit_log "
                                + "WHERE actor = :actor OR target = :target ORDER BY id")
                .bind("actor", actor)
                .bind("target", target)
                .map(AuditLog::entry)
                .list());
    }

    private static AuditEntry entry(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new AuditEntry(rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                rs.getString("source"), rs.getString("action"), rs.getString("target"), parse(rs.getString("detail")));
    }

    static String json(Map<String, Object> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new PersistenceException("an audit detail is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, DETAIL);
        } catch (JsonProcessingException e) {
            throw new PersistenceException("an audit detail in the database is not JSON", e);
        }
    }
}
