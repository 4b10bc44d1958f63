package io.sipcall.persistence.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.audit.AuditEntry;
import io.sipcall.persistence.audit.AuditLog;
import io.sipcall.persistence.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrivacyExportTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private Database db;
    private PrivacyService privacy;

    @BeforeEach
    void aliceAndBobHaveData() {
        db = TestDatabase.fresh();
        privacy = new PrivacyService(db.jdbi(), Fixtures.KEYS);
        new Fixtures(db.jdbi()).aliceAndBob(T0);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void export_holds_the_profile_with_the_caller_id_decrypted() {
        JsonNode export = privacy.export("alice", "alice", "192.0.2.10");

        assertThat(export.path("format").asText()).isEqualTo("sipcall.personal-data.v1");
        assertThat(export.path("user_id").asText()).isEqualTo("alice");
        assertThat(export.at("/profile/display_name").asText()).isEqualTo("Alice Example");
        assertThat(export.at("/profile/caller_id").asText()).isEqualTo("+4930111111");
        assertThat(export.at("/profile/default_country").asText()).isEqualTo("DE");
        assertThat(export.at("/profile/allowed_prefixes/0").asText()).isEqualTo("+49");
    }

    @Test
    void export_names_the_sip_credential_but_never_its_digests() {
        JsonNode export = privacy.export("alice", "alice", "192.0.2.10");

        assertThat(export.at("/sip_credential/username").asText()).isEqualTo("alice-sip");
        assertThat(export.at("/sip_credential/created_at").isTextual()).isTrue();
        assertThat(export.at("/sip_credential/note").asText()).contains("HA1").contains("not exported");
        assertThat(export.toString()).doesNotContain("md5-ha1-of-alice").doesNotContain("sha256-ha1-of-alice");
    }

    @Test
    void export_holds_the_registrations() {
        JsonNode registrations = privacy.export("alice", "alice", "192.0.2.10").path("registrations");

        assertThat(registrations).hasSize(1);
        assertThat(registrations.at("/0/contact").asText()).isEqualTo("sip:alice-sip@10.0.0.5:5060");
        assertThat(registrations.at("/0/source").asText()).isEqualTo("10.0.0.5:5060");
    }

    @Test
    void export_holds_every_call_with_numbers_decrypted_and_its_events_in_order() {
        JsonNode calls = privacy.export("alice", "alice", "192.0.2.10").path("calls");

        assertThat(texts(calls, "id")).containsExactly("c-a1", "c-a2");
        JsonNode first = calls.get(0);
        assertThat(first.path("from_number").asText()).isEqualTo("+4930111111");
        assertThat(first.path("to_number").asText()).isEqualTo("+4915122222");
        assertThat(calls.at("/1/to_number").asText()).isEqualTo("+4930444444");
        assertThat(first.has("to_number_hmac")).isFalse();
        assertThat(first.path("disposition").asText()).isEqualTo("ANSWERED");
        assertThat(first.path("cost").decimalValue()).isEqualByComparingTo(new BigDecimal("0.15"));
        assertThat(Instant.parse(first.path("started_at").asText().replace("+00:00", "Z"))).isEqualTo(T0);
        assertThat(texts(first.path("events"), "type")).containsExactly("TRYING", "ANSWERED", "ENDED");
        assertThat(first.at("/events/1/detail/sip_status").asInt()).isEqualTo(200);
    }

    @Test
    void export_holds_the_audit_entries_by_and_about_the_user() {
        JsonNode audit = privacy.export("alice", "alice", "192.0.2.10").path("audit_log");

        assertThat(texts(audit, "action")).containsExactly("user.logged-in", "user.updated");
        assertThat(audit.at("/0/actor").asText()).isEqualTo("alice");
        assertThat(audit.at("/1/target").asText()).isEqualTo("user:alice");
        assertThat(audit.at("/1/detail/field").asText()).isEqualTo("caller_id");
    }

    @Test
    void export_holds_nothing_of_another_user() {
        String export = privacy.export("alice", "alice", "192.0.2.10").toString();

        assertThat(export).doesNotContain("bob").doesNotContain("Bob").doesNotContain("c-b1")
                .doesNotContain("+4930999999").doesNotContain("+4917633333").doesNotContain("10.0.0.6")
                .doesNotContain("192.0.2.20");
    }

    @Test
    void export_is_audited_with_its_counts() {
        privacy.export("alice", "admin", "192.0.2.1");

        AuditEntry entry = new AuditLog(db.jdbi()).recent(1).get(0);
        assertThat(entry.action()).isEqualTo("privacy.exported");
        assertThat(entry.actor()).isEqualTo("admin");
        assertThat(entry.source()).isEqualTo("192.0.2.1");
        assertThat(entry.target()).isEqualTo("user:alice");
        assertThat(entry.detail()).containsEntry("calls", 2).containsEntry("registrations", 1)
                .containsEntry("audit_entries", 2).containsEntry("profile", true);
    }

    @Test
    void a_second_export_includes_the_audit_entry_of_the_first() {
        privacy.export("alice", "admin", "192.0.2.1");

        JsonNode audit = privacy.export("alice", "admin", "192.0.2.1").path("audit_log");

        assertThat(texts(audit, "action")).containsExactly("user.logged-in", "user.updated", "privacy.exported");
    }

    @Test
    void export_of_an_unknown_user_fails_clearly_and_is_not_audited() {
        assertThatThrownBy(() -> privacy.export("carol", "admin", "192.0.2.1"))
                .isInstanceOf(UnknownUserException.class)
                .hasMessageContaining("carol");

        assertThat(new AuditLog(db.jdbi()).recent(10)).extracting(AuditEntry::action)
                .doesNotContain("privacy.exported");
    }

    @Test
    void a_user_gone_from_the_directory_is_still_exported_with_their_call_records() {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE id = 'alice'"));

        JsonNode export = privacy.export("alice", "admin", "192.0.2.1");

        assertThat(export.path("profile").isNull()).isTrue();
        assertThat(export.path("sip_credential").isNull()).isTrue();
        assertThat(export.path("registrations")).isEmpty();
        assertThat(texts(export.path("calls"), "id")).containsExactly("c-a1", "c-a2");
        assertThat(new AuditLog(db.jdbi()).recent(1).get(0).detail()).containsEntry("profile", false);
    }

    static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.path(field).asText()).toList();
    }
}
