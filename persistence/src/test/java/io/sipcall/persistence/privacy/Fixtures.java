package io.sipcall.persistence.privacy;

import io.sipcall.persistence.crypto.KeyRing;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Rows written with plain SQL, numbers encrypted as the application would, for privacy tests. */
final class Fixtures {

    static final KeyRing KEYS = KeyRing.of(Map.of("k1", filled(1)), "k1", filled(2));

    private final Jdbi jdbi;

    Fixtures(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Two users with profile, credential, registration, calls and audit entries: alice (caller ID
     * +4930111111, calls c-a1 to +4915122222 at {@code t0} and c-a2 to +4930444444 an hour later,
     * addresses 10.0.0.5 and 192.0.2.10) and bob (+4930999999, call c-b1 to +4917633333, addresses
     * 10.0.0.6 and 192.0.2.20). The admin acts from 192.0.2.1.
     */
    void aliceAndBob(Instant t0) {
        user("alice", "Alice Example", "+4930111111");
        credential("alice", "alice-sip");
        registration("alice", "sip:alice-sip@10.0.0.5:5060", "10.0.0.5:5060");
        call("c-a1", "alice", "+4930111111", "+4915122222", t0);
        call("c-a2", "alice", "+4930111111", "+4930444444", t0.plusSeconds(3600));
        audit(t0, "alice", "192.0.2.10", "user.logged-in", "", "{}");
        audit(t0, "admin", "192.0.2.1", "user.updated", "user:alice", "{\"field\": \"caller_id\"}");
        user("bob", "Bob Other", "+4930999999");
        credential("bob", "bob-sip");
        registration("bob", "sip:bob-sip@10.0.0.6:5060", "10.0.0.6:5060");
        call("c-b1", "bob", "+4930999999", "+4917633333", t0);
        audit(t0, "bob", "192.0.2.20", "user.logged-in", "", "{}");
        audit(t0, "admin", "192.0.2.1", "user.updated", "user:bob", "{}");
    }

    void user(String id, String displayName, String callerId) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (id, display_name, role, default_country, caller_id, "
                        + "max_concurrent_calls, allowed_prefixes) VALUES (:id, :name, 'USER', 'DE', :callerId, 2, "
                        + "ARRAY['+49'])")
                .bind("id", id)
                .bind("name", displayName)
                .bind("callerId", KEYS.cipher().encrypt(callerId, "users.caller_id"))
                .execute());
    }

    void credential(String userId, String username) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sip_credentials (username, user_id, ha1_md5, ha1_sha256) "
                        + "VALUES (:username, :userId, 'md5-ha1-of-' || :userId, 'sha256-ha1-of-' || :userId)")
                .bind("username", username)
                .bind("userId", userId)
                .execute());
    }

    void registration(String userId, String contact, String sourceAddress) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO registrations (user_id, contact, expires_at, call_id, cseq, "
                        + "source) VALUES (:userId, :contact, now() + interval '1 hour', 'reg-call-id', 7, :source)")
                .bind("userId", userId)
                .bind("contact", contact)
                .bind("source", sourceAddress)
                .execute());
    }

    /** An answered outbound call of 90 s that cost 0.15 EUR, with three events. */
    void call(String id, String userId, String from, String to, Instant startedAt) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO calls (id, user_id, direction, transport, from_number, "
                        + "to_number, to_number_hmac, trunk, route, attempts, started_at, answered_at, ended_at, "
                        + "duration_ms, talk_ms, billed_seconds, disposition, sip_status, hangup_cause, hangup_side, "
                        + "price_per_minute, cost, currency) VALUES (:id, :userId, 'OUTBOUND', 'UDP', :from, :to, "
                        + ":hmac, 'telnyx', 'telnyx', 1, :started, :started, :ended, 92000, 90000, 90, 'ANSWERED', "
                        + "200, 'NORMAL_CLEARING', 'CALLER', 0.100000, 0.150000, 'EUR')")
                .bind("id", id)
                .bind("userId", userId)
                .bind("from", KEYS.cipher().encrypt(from, "calls.from_number"))
                .bind("to", KEYS.cipher().encrypt(to, "calls.to_number"))
                .bind("hmac", KEYS.lookup().of(to))
                .bind("started", utc(startedAt))
                .bind("ended", utc(startedAt.plusSeconds(92)))
                .execute());
        event(id, 1, startedAt, "TRYING", "{}");
        event(id, 2, startedAt.plusSeconds(1), "ANSWERED", "{\"sip_status\": 200}");
        event(id, 3, startedAt.plusSeconds(92), "ENDED", "{\"hangup_side\": \"CALLER\"}");
    }

    void event(String callId, int seq, Instant at, String type, String detailJson) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO call_events (call_id, seq, at, type, detail) "
                        + "VALUES (:callId, :seq, :at, :type, CAST(:detail AS jsonb))")
                .bind("callId", callId)
                .bind("seq", seq)
                .bind("at", utc(at))
                .bind("type", type)
                .bind("detail", detailJson)
                .execute());
    }

    void audit(Instant at, String actor, String source, String action, String target, String detailJson) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_log (at, actor, source, action, target, detail) "
                        + "VALUES (:at, :actor, :source, :action, :target, CAST(:detail AS jsonb))")
                .bind("at", utc(at))
                .bind("actor", actor)
                .bind("source", source)
                .bind("action", action)
                .bind("target", target)
                .bind("detail", detailJson)
                .execute());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
