package io.sipcall.persistence.record;

import io.sipcall.persistence.record.StoredCall.Direction;
import io.sipcall.persistence.record.StoredCall.Disposition;
import io.sipcall.persistence.record.StoredCall.HangupSide;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code calls} and {@code call_events} tables. Writing is idempotent by call id: a record that
 * is already there is skipped, with its events, so a spool can be replayed any number of times.
 * Thread-safe.
 */
public final class CallRecordStore {

    private static final String COLUMNS = "id, user_id, direction, transport, from_number, to_number, to_number_hmac, "
            + "trunk, route, attempts, started_at, ringing_at, answered_at, ended_at, duration_ms, talk_ms, "
            + "billed_seconds, disposition, sip_status, sip_reason, hangup_cause, hangup_side, price_per_minute, "
            + "cost, currency, mos, jitter_ms, packet_loss_pct";
    private static final String INSERT_CALL = "INSERT INTO calls (" + COLUMNS + ") VALUES (:id, :userId, :direction, "
            + ":transport, :fromNumber, :toNumber, :toNumberHmac, :trunk, :route, :attempts, :startedAt, :ringingAt, "
            + ":answeredAt, :endedAt, :durationMs, :talkMs, :billedSeconds, :disposition, :sipStatus, :sipReason, "
            + ":hangupCause, :hangupSide, :pricePerMinute, :cost, :currency, :mos, :jitterMs, :packetLossPct) "
            + "ON CONFLICT (id) DO NOTHING";
    private static final String INSERT_EVENT = "INSERT INTO call_events (call_id, seq, at, type, detail) "
            + "VALUES (:callId, :seq, :at, :type, CAST(:detail AS jsonb)) ON CONFLICT (call_id, seq) DO NOTHING";

    private final Jdbi jdbi;

    public CallRecordStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Writes the records not yet stored, and their events, in one transaction.
     *
     * @return how many were new (records already stored, or twice in {@code calls}, count once or not at all)
     * @throws RecordRejectedException      when the database refuses a record's values
     * @throws DatabaseUnavailableException when it cannot take records now
     */
    public int insert(List<StoredCall> calls) {
        if (calls.isEmpty()) {
            return 0;
        }
        try {
            return jdbi.inTransaction(handle -> insert(handle, calls));
        } catch (RuntimeException e) {
            throw StoreFailures.classify(e, calls.size());
        }
    }

    private static int insert(Handle handle, List<StoredCall> calls) {
        Set<String> stored = new HashSet<>(handle.createQuery("SELECT id FROM calls WHERE id = ANY(:ids)")
                .bindArray("ids", String.class, calls.stream().map(StoredCall::id).toList())
                .mapTo(String.class)
                .list());
        Map<String, StoredCall> fresh = new LinkedHashMap<>();
        calls.stream().filter(call -> !stored.contains(call.id())).forEach(call -> fresh.putIfAbsent(call.id(), call));
        if (fresh.isEmpty()) {
            return 0;
        }
        PreparedBatch rows = handle.prepareBatch(INSERT_CALL);
        fresh.values().forEach(call -> bindCall(rows, call).add());
        rows.execute();
        PreparedBatch events = handle.prepareBatch(INSERT_EVENT);
        boolean anyEvent = false;
        for (StoredCall call : fresh.values()) {
            for (StoredEvent event : call.events()) {
                events.bind("callId", call.id()).bind("seq", event.seq()).bind("at", utc(event.at()))
                        .bind("type", event.type()).bind("detail", RecordJson.detail(event.detail())).add();
                anyEvent = true;
            }
        }
        if (anyEvent) {
            events.execute();
        }
        return fresh.size();
    }

    private static PreparedBatch bindCall(PreparedBatch batch, StoredCall c) {
        return batch.bind("id", c.id()).bind("userId", c.userId()).bind("direction", c.direction().name())
                .bind("transport", c.transport()).bind("fromNumber", c.fromNumber()).bind("toNumber", c.toNumber())
                .bind("toNumberHmac", c.toNumberHmac()).bind("trunk", c.trunk()).bind("route", c.route())
                .bind("attempts", c.attempts())
                .bindByType("startedAt", utc(c.startedAt()), OffsetDateTime.class)
                .bindByType("ringingAt", utc(c.ringingAt()), OffsetDateTime.class)
                .bindByType("answeredAt", utc(c.answeredAt()), OffsetDateTime.class)
                .bindByType("endedAt", utc(c.endedAt()), OffsetDateTime.class)
                .bind("durationMs", c.durationMs()).bind("talkMs", c.talkMs()).bind("billedSeconds", c.billedSeconds())
                .bind("disposition", c.disposition().name()).bind("sipStatus", c.sipStatus())
                .bind("sipReason", c.sipReason()).bind("hangupCause", c.hangupCause())
                .bind("hangupSide", c.hangupSide().name()).bind("pricePerMinute", c.pricePerMinute())
                .bind("cost", c.cost()).bind("currency", c.currency())
                .bind("mos", c.mos()).bind("jitterMs", c.jitterMs()).bind("packetLossPct", c.packetLossPct());
    }

    /** The stored record with this id, with its events. */
    public Optional<StoredCall> find(String id) {
        return jdbi.withHandle(handle -> {
            List<StoredEvent> events = handle.createQuery("SELECT seq, at, type, detail::text AS detail "
                            + "FROM call_events WHERE call_id = :id ORDER BY seq")
                    .bind("id", id)
                    .map((rs, ctx) -> new StoredEvent(rs.getInt("seq"), instant(rs, "at"), rs.getString("type"),
                            RecordJson.detail(rs.getString("detail"))))
                    .list();
            return handle.createQuery("SELECT " + COLUMNS + " FROM calls WHERE id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> call(rs, ctx, events))
                    .findOne();
        });
    }

    /**
     * What each user's calls answered on {@code day} (UTC) cost, by user id: what the usage ledger
     * must know again after a restart to keep enforcing daily spend caps.
     */
    public Map<String, BigDecimal> spendByUser(LocalDate day) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT user_id, sum(cost) AS spent FROM calls "
                        + "WHERE answered_at >= :from AND answered_at < :to AND user_id IS NOT NULL "
                        + "AND cost IS NOT NULL GROUP BY user_id")
                .bindByType("from", day.atStartOfDay().atOffset(ZoneOffset.UTC), OffsetDateTime.class)
                .bindByType("to", day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC), OffsetDateTime.class)
                .reduceRows(new LinkedHashMap<String, BigDecimal>(), (spent, row) -> {
                    spent.put(row.getColumn("user_id", String.class), row.getColumn("spent", BigDecimal.class));
                    return spent;
                }));
    }

    /** How many call records are stored. */
    public long count() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM calls").mapTo(Long.class).one());
    }

    private static StoredCall call(ResultSet rs, StatementContext ctx, List<StoredEvent> events) throws SQLException {
        return new StoredCall(rs.getString("id"), rs.getString("user_id"), Direction.valueOf(rs.getString("direction")),
                rs.getString("transport"), rs.getString("from_number"), rs.getString("to_number"),
                rs.getBytes("to_number_hmac"), rs.getString("trunk"), rs.getString("route"), rs.getInt("attempts"),
                instant(rs, "started_at"), instant(rs, "ringing_at"), instant(rs, "answered_at"),
                instant(rs, "ended_at"), rs.getLong("duration_ms"), rs.getLong("talk_ms"), rs.getInt("billed_seconds"),
                Disposition.valueOf(rs.getString("disposition")), rs.getObject("sip_status", Integer.class),
                rs.getString("sip_reason"), rs.getString("hangup_cause"),
                HangupSide.valueOf(rs.getString("hangup_side")), rs.getBigDecimal("price_per_minute"),
                rs.getBigDecimal("cost"), rs.getString("currency"), rs.getObject("mos", Float.class),
                rs.getObject("jitter_ms", Float.class), rs.getObject("packet_loss_pct", Float.class), new ArrayList<>(events));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
