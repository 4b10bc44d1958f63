package io.sipcall.persistence.directory;

import static io.sipcall.persistence.directory.Entries.ADMIN;
import static io.sipcall.persistence.directory.Entries.alice;
import static io.sipcall.persistence.directory.Entries.bob;
import static io.sipcall.persistence.directory.Entries.plain;
import static io.sipcall.persistence.directory.Entries.rate;
import static io.sipcall.persistence.directory.Entries.telnyx;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.RateConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.UserConfig;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.audit.AuditEntry;
import io.sipcall.persistence.audit.AuditLog;
import io.sipcall.persistence.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfigSeederTest {

    private static final Map<String, TrunkConfig> TRUNKS = Map.of("telnyx", telnyx(), "backup", plain("backup.example.net"));
    private static final List<RateConfig> RATES = List.of(rate("+1", "telnyx", "0.0100"), rate("+1", "backup", "0.0200"));
    private static final Map<String, UserConfig> USERS = Map.of("alice", alice(), "bob", bob());

    private final Database database = TestDatabase.fresh();
    private final DirectoryStore store = Entries.store(database);
    private final ConfigSeeder seeder = new ConfigSeeder(store);
    private final AuditLog audit = new AuditLog(database.jdbi());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void the_first_start_inserts_everything_audited_as_the_system_from_config() {
        ConfigSeeder.Result result = seeder.seed(USERS, TRUNKS, RATES);

        assertThat(result).isEqualTo(new ConfigSeeder.Result(6, 0, 0));
        DirectorySnapshot snapshot = store.loadSnapshot();
        assertThat(snapshot.users()).isEqualTo(USERS);
        assertThat(snapshot.trunks()).isEqualTo(TRUNKS);
        assertThat(snapshot.rates()).containsExactlyInAnyOrder(rate("+1", "telnyx", "0.01"), rate("+1", "backup", "0.02"));
        List<AuditEntry> entries = audit.involving(AuditEntry.SYSTEM, "");
        assertThat(entries).hasSize(6).allSatisfy(entry -> assertThat(entry.source()).isEqualTo("config"));
        assertThat(entries).extracting(AuditEntry::action).containsExactly("trunk.created", "trunk.created",
                "rate.created", "rate.created", "user.created", "user.created");
    }

    @Test
    void a_later_start_keeps_what_the_database_holds_and_adds_only_what_is_new() {
        seeder.seed(USERS, TRUNKS, RATES);
        store.updateRate(ADMIN, rate("+1", "telnyx", "0.0050"));
        UserConfig renamed = new UserConfig("Alice Admin-Edited", alice().role(), alice().defaultCountry(),
                alice().callerId(), alice().sip(), 5, alice().dailySpendCap(), alice().allowedPrefixes());
        store.updateUser(ADMIN, "alice", renamed);
        UserConfig carol = new UserConfig("Carol", UserConfig.Role.USER, "GB", Optional.empty(), Optional.empty(), 1,
                Optional.empty(), List.of());
        Map<String, UserConfig> usersNow = Map.of("alice", alice(), "bob", bob(), "carol", carol);
        List<RateConfig> ratesNow = List.of(rate("+1", "telnyx", "0.0100"), rate("1", "backup", "0.0300"));

        ConfigSeeder.Result result = seeder.seed(usersNow, TRUNKS, ratesNow);

        assertThat(result).isEqualTo(new ConfigSeeder.Result(1, 6, 0));
        assertThat(store.rate("telnyx", "+1").orElseThrow().pricePerMinute()).isEqualByComparingTo("0.005");
        assertThat(store.rate("backup", "+1").orElseThrow().pricePerMinute()).isEqualByComparingTo("0.02");
        assertThat(store.user("alice")).contains(renamed);
        assertThat(store.users()).containsOnlyKeys("alice", "bob", "carol");
        assertThat(audit.involving(AuditEntry.SYSTEM, "")).hasSize(7).last()
                .satisfies(entry -> assertThat(entry.target()).isEqualTo("user:carol"));
    }

    @Test
    void an_entry_the_database_refuses_is_skipped_and_the_rest_seeded() {
        store.createUser(ADMIN, "mallory", new UserConfig("M", UserConfig.Role.USER, "DE", Optional.empty(),
                Optional.of(Entries.credential("alice-sip")), 1, Optional.empty(), List.of()));
        List<RateConfig> twoCurrencies = List.of(rate("+1", "telnyx", "0.01"),
                new RateConfig("+49", "telnyx", BigDecimal.ONE, "EUR"));

        ConfigSeeder.Result result = seeder.seed(USERS, Map.of("telnyx", telnyx()), twoCurrencies);

        assertThat(result).isEqualTo(new ConfigSeeder.Result(3, 0, 2));
        assertThat(store.users()).containsOnlyKeys("mallory", "bob");
        assertThat(store.rates()).containsExactly(rate("+1", "telnyx", "0.01"));
    }

    @Test
    void entries_deleted_through_the_api_or_erased_are_not_seeded_back_until_created_again() {
        seeder.seed(USERS, TRUNKS, RATES);
        store.deleteUser(ADMIN, "bob");
        store.deleteRate(ADMIN, "backup", "1");
        new io.sipcall.persistence.privacy.PrivacyService(database.jdbi(), Entries.keys())
                .erase("alice", "admin", "192.0.2.1");

        ConfigSeeder.Result again = seeder.seed(USERS, TRUNKS, RATES);

        assertThat(again).isEqualTo(new ConfigSeeder.Result(0, 3, 3));
        assertThat(store.users()).isEmpty();
        assertThat(store.rates()).containsExactly(rate("+1", "telnyx", "0.01"));
        List<String> rows = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT kind || ' ' || encode(key_hmac, 'escape') FROM directory_deletions").mapTo(String.class).list());
        assertThat(rows).hasSize(3).noneMatch(row -> row.contains("alice") || row.contains("bob"));

        store.createUser(ADMIN, "bob", bob());
        store.deleteUser(ADMIN, "bob");
        store.createUser(ADMIN, "bob", bob());
        assertThat(store.wasDeleted(Deletions.Kind.USER, "bob")).as("created again on purpose").isFalse();
        assertThat(store.wasDeleted(Deletions.Kind.USER, "alice")).isTrue();
    }
}
