package io.sipcall.persistence.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.persistence.Database;
import io.sipcall.persistence.audit.AuditEntry;
import io.sipcall.persistence.audit.AuditLog;
import io.sipcall.persistence.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrivacyEraseTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<String> TABLES = List.of("users", "sip_credentials", "registrations", "trunks", "rates",
            "calls", "call_events", "audit_log");
    private static final List<String> ALICE_TRACES = List.of("alice", "Alice", "+4930111111", "+4915122222",
            "+4930444444", "10.0.0.5", "192.0.2.10");

    private Database db;
    private Jdbi jdbi;
    private PrivacyService privacy;

    @BeforeEach
    void aliceAndBobHaveData() {
        db = TestDatabase.fresh();
        jdbi = db.jdbi();
        privacy = new PrivacyService(jdbi, Fixtures.KEYS);
        Fixtures fixtures = new Fixtures(jdbi);
        fixtures.aliceAndBob(T0);
        fixtures.event("c-a1", 4, T0.plusSeconds(93), "NOTE", "{\"by\": \"alice\"}");
        fixtures.audit(T0, "admin", "192.0.2.1", "user.updated", "user:alice", "{\"user\": \"alice\"}");
        fixtures.audit(T0, "admin", "192.0.2.1", "trunk.updated", "trunk:telnyx", "{\"asked_by\": \"user:alice\"}");
        privacy.export("alice", "admin", "192.0.2.1");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void erase_deletes_the_profile_credential_and_registrations() {
        ErasureSummary summary = privacy.erase("alice", "admin", "192.0.2.1");

        assertThat(summary.profileDeleted()).isTrue();
        assertThat(summary.credentialsDeleted()).isEqualTo(1);
        assertThat(summary.registrationsDeleted()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM users WHERE id = 'alice'")).isZero();
        assertThat(count("SELECT count(*) FROM sip_credentials WHERE user_id = 'alice'")).isZero();
        assertThat(count("SELECT count(*) FROM registrations WHERE user_id = 'alice'")).isZero();
    }

    @Test
    void erase_anonymises_the_call_records_and_keeps_what_accounting_needs() {
        ErasureSummary summary = privacy.erase("alice", "admin", "192.0.2.1");

        String pseudonym = summary.pseudonym().orElseThrow();
        assertThat(pseudonym).startsWith("erased-").doesNotContain("alice");
        assertThat(summary.callRecordsAnonymised()).isEqualTo(2);
        List<Map<String, Object>> calls = jdbi.withHandle(h -> h.createQuery(
                "SELECT id, user_id, from_number, to_number, to_number_hmac, started_at, duration_ms, disposition, "
                        + "cost FROM calls WHERE id IN ('c-a1', 'c-a2') ORDER BY id").mapToMap().list());
        assertThat(calls).hasSize(2).allSatisfy(call -> {
            assertThat(call.get("user_id")).isEqualTo(pseudonym);
            assertThat(call.get("from_number")).isNull();
            assertThat(call.get("to_number")).isNull();
            assertThat(call.get("to_number_hmac")).isNull();
            assertThat(call.get("duration_ms")).isEqualTo(92_000L);
            assertThat(call.get("disposition")).isEqualTo("ANSWERED");
            assertThat((BigDecimal) call.get("cost")).isEqualByComparingTo("0.15");
        });
        assertThat(((Timestamp) calls.get(0).get("started_at")).toInstant()).isEqualTo(T0);
        assertThat(count("SELECT count(*) FROM call_events WHERE call_id = 'c-a1'")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM calls WHERE to_number_hmac = :hmac",
                Fixtures.KEYS.lookup().of("+4915122222"))).isZero();
    }

    @Test
    void erase_replaces_the_user_in_the_audit_log_with_the_pseudonym() {
        String pseudonym = privacy.erase("alice", "admin", "192.0.2.1").pseudonym().orElseThrow();

        AuditLog audit = new AuditLog(jdbi);
        assertThat(audit.involving("alice", "user:alice")).isEmpty();
        List<AuditEntry> scrubbed = audit.involving(pseudonym, "user:" + pseudonym);
        assertThat(scrubbed).extracting(AuditEntry::action).containsExactly("user.logged-in", "user.updated",
                "user.updated", "privacy.exported", "privacy.erased");
        assertThat(scrubbed.get(0).actor()).isEqualTo(pseudonym);
        assertThat(scrubbed.get(0).source()).as("the user's own address").isEmpty();
        assertThat(scrubbed.get(2).detail()).containsEntry("user", pseudonym);
        assertThat(audit.recent(20)).filteredOn(e -> e.action().equals("trunk.updated"))
                .singleElement().satisfies(e -> assertThat(e.detail()).containsEntry("asked_by", "user:" + pseudonym));
    }

    @Test
    void erase_is_audited_under_the_pseudonym_without_the_user_id() {
        ErasureSummary summary = privacy.erase("alice", "admin", "192.0.2.1");

        AuditEntry entry = new AuditLog(jdbi).recent(1).get(0);
        assertThat(entry.action()).isEqualTo("privacy.erased");
        assertThat(entry.actor()).isEqualTo("admin");
        assertThat(entry.source()).isEqualTo("192.0.2.1");
        assertThat(entry.target()).isEqualTo("user:" + summary.pseudonym().orElseThrow());
        assertThat(entry.detail()).containsEntry("calls", 2).containsEntry("profile", true);
        assertThat(entry.toString()).doesNotContain("alice");
    }

    @Test
    void a_user_who_erases_themselves_is_not_named_as_the_actor() {
        String pseudonym = privacy.erase("alice", "alice", "192.0.2.10").pseudonym().orElseThrow();

        AuditEntry entry = new AuditLog(jdbi).recent(1).get(0);
        assertThat(entry.actor()).isEqualTo(pseudonym);
        assertThat(entry.source()).isEmpty();
    }

    @Test
    void after_erasure_no_table_holds_the_user_id_their_numbers_or_addresses() {
        privacy.erase("alice", "admin", "192.0.2.1");

        for (String table : TABLES) {
            List<String> rows = jdbi.withHandle(h -> h.createQuery("SELECT t::text FROM " + table + " t")
                    .mapTo(String.class).list());
            for (String trace : ALICE_TRACES) {
                assertThat(rows).as("%s rows holding %s", table, trace).noneMatch(row -> row.contains(trace));
            }
        }
    }

    @Test
    void after_erasure_an_export_of_the_id_finds_nothing() {
        privacy.erase("alice", "admin", "192.0.2.1");

        assertThatThrownBy(() -> privacy.export("alice", "admin", "192.0.2.1"))
                .isInstanceOf(UnknownUserException.class);
    }

    @Test
    void erase_leaves_other_users_untouched() {
        privacy.erase("alice", "admin", "192.0.2.1");

        var bob = privacy.export("bob", "admin", "192.0.2.1");
        assertThat(bob.at("/profile/caller_id").asText()).isEqualTo("+4930999999");
        assertThat(bob.at("/sip_credential/username").asText()).isEqualTo("bob-sip");
        assertThat(bob.path("registrations")).hasSize(1);
        assertThat(bob.at("/calls/0/to_number").asText()).isEqualTo("+4917633333");
        assertThat(PrivacyExportTest.texts(bob.path("audit_log"), "action"))
                .containsExactly("user.logged-in", "user.updated");
    }

    @Test
    void erasing_again_finds_nothing_and_writes_nothing() {
        privacy.erase("alice", "admin", "192.0.2.1");
        long auditEntries = count("SELECT count(*) FROM audit_log");

        ErasureSummary again = privacy.erase("alice", "admin", "192.0.2.1");

        assertThat(again).isEqualTo(ErasureSummary.nothing());
        assertThat(again.erasedAnything()).isFalse();
        assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(auditEntries);
    }

    @Test
    void a_call_record_written_after_the_erasure_is_anonymised_by_erasing_again() {
        String first = privacy.erase("alice", "admin", "192.0.2.1").pseudonym().orElseThrow();
        new Fixtures(jdbi).call("c-a3", "alice", "+4930111111", "+4915122222", T0.plusSeconds(7200));

        ErasureSummary again = privacy.erase("alice", "admin", "192.0.2.1");

        assertThat(again.callRecordsAnonymised()).isEqualTo(1);
        assertThat(again.profileDeleted()).isFalse();
        assertThat(again.pseudonym()).isPresent().get().isNotEqualTo(first);
        assertThat(count("SELECT count(*) FROM calls WHERE user_id = 'alice'")).isZero();
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private long count(String sql, byte[] hmac) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("hmac", hmac).mapTo(Long.class).one());
    }
}
