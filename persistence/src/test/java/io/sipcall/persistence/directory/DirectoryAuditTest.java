package io.sipcall.persistence.directory;

import static io.sipcall.persistence.directory.Entries.ADMIN;
import static io.sipcall.persistence.directory.Entries.alice;
import static io.sipcall.persistence.directory.Entries.rate;
import static io.sipcall.persistence.directory.Entries.telnyx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.config.Secret;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.UserConfig;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.audit.AuditEntry;
import io.sipcall.persistence.audit.AuditLog;
import io.sipcall.persistence.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DirectoryAuditTest {

    private final Database database = TestDatabase.fresh();
    private final DirectoryStore store = Entries.store(database);
    private final AuditLog audit = new AuditLog(database.jdbi());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void every_write_is_audited_with_its_actor_and_source() {
        store.createTrunk(ADMIN, "telnyx", telnyx());
        store.createRate(ADMIN, rate("+1", "telnyx", "0.01"));
        store.updateRate(ADMIN, rate("+1", "telnyx", "0.02"));
        store.deleteRate(ADMIN, "telnyx", "+1");
        store.createUser(ADMIN, "alice", alice());
        store.deleteUser(ADMIN, "alice");
        store.deleteTrunk(ADMIN, "telnyx");

        List<AuditEntry> entries = audit.involving("admin", "");

        assertThat(entries).extracting(AuditEntry::action).containsExactly("trunk.created", "rate.created",
                "rate.updated", "rate.deleted", "user.created", "user.deleted", "trunk.deleted");
        assertThat(entries).extracting(AuditEntry::target).containsExactly("trunk:telnyx", "rate:telnyx:+1",
                "rate:telnyx:+1", "rate:telnyx:+1", "user:alice", "user:alice", "trunk:telnyx");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.source()).isEqualTo("192.0.2.10"));
    }

    @Test
    void an_update_names_the_changed_fields_and_never_their_values() {
        store.createTrunk(ADMIN, "telnyx", telnyx());
        store.createUser(ADMIN, "alice", alice());
        TrunkConfig t = telnyx();
        TrunkConfig newSecrets = new TrunkConfig(t.preset(), t.host(), t.port(), t.transport(), t.outboundProxy(),
                new TrunkConfig.TrunkAuth(t.auth().mode(), t.auth().username(), Optional.of(new Secret("n3w-pass"))),
                t.registration(), t.numberFormat(), t.techPrefix(), Optional.of("+15550199"), t.priority(),
                t.maxChannels(), t.maxCallsPerSecond());
        UserConfig a = alice();
        UserConfig newNumber = new UserConfig(a.displayName(), a.role(), a.defaultCountry(), Optional.of("+4930111222"),
                Optional.of(Entries.credential("alice-new")), a.maxConcurrentCalls(), a.dailySpendCap(),
                a.allowedPrefixes());

        store.updateTrunk(ADMIN, "telnyx", newSecrets);
        store.updateUser(ADMIN, "alice", newNumber);

        assertThat(audit.involving("", "trunk:telnyx")).last().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("trunk.updated");
            assertThat(entry.detail()).containsEntry("changed", List.of("auth.password", "caller-id"));
            assertThat(entry.detail().toString()).doesNotContain("n3w-pass").doesNotContain("15550199");
        });
        assertThat(audit.involving("", "user:alice")).last().satisfies(entry ->
                assertThat(entry.detail()).containsEntry("changed", List.of("caller-id", "sip.username")));
        String everything = database.jdbi().withHandle(h -> h.createQuery("SELECT string_agg(detail::text, ' ') "
                + "FROM audit_log").mapTo(String.class).one());
        assertThat(everything).doesNotContain(Entries.TRUNK_PASSWORD).doesNotContain("aaaaaaaa")
                .doesNotContain("4930111222").doesNotContain(Entries.ALICE_CALLER_ID.substring(1));
    }

    @Test
    void an_update_that_changes_nothing_writes_nothing() {
        store.createUser(ADMIN, "alice", alice());

        store.updateUser(ADMIN, "alice", alice());

        assertThat(audit.involving("", "user:alice")).extracting(AuditEntry::action).containsExactly("user.created");
    }

    @Test
    void a_refused_write_leaves_neither_change_nor_audit_entry() {
        store.createUser(ADMIN, "alice", alice());

        assertThatThrownBy(() -> store.createUser(ADMIN, "alice", alice())).isInstanceOf(ConflictingEntryException.class);

        assertThat(audit.recent(10)).extracting(AuditEntry::action).containsExactly("user.created");
    }
}
