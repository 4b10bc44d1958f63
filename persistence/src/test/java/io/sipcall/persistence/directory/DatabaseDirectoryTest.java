package io.sipcall.persistence.directory;

import static io.sipcall.persistence.directory.Entries.ADMIN;
import static io.sipcall.persistence.directory.Entries.alice;
import static io.sipcall.persistence.directory.Entries.bob;
import static io.sipcall.persistence.directory.Entries.plain;
import static io.sipcall.persistence.directory.Entries.rate;
import static io.sipcall.persistence.directory.Entries.telnyx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sipcall.config.RateConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.testing.TestDatabase;
import io.sipcall.sip.port.Directory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatabaseDirectoryTest {

    private static final Duration HOURLY = Duration.ofHours(1);

    private final Database database = TestDatabase.fresh();
    private final DirectoryStore store = Entries.store(database);
    private DatabaseDirectory directory;

    DatabaseDirectoryTest() {
        new ConfigSeeder(store).seed(Map.of("alice", alice(), "bob", bob()), Map.of("telnyx", telnyx()),
                List.of(rate("+1", "telnyx", "0.01")));
    }

    @AfterEach
    void close() {
        if (directory != null) {
            directory.close();
        }
        database.close();
    }

    @Test
    void lookups_answer_from_the_snapshot_loaded_at_start() {
        directory = DatabaseDirectory.start(store, HOURLY);

        assertThat(directory.userBySipUsername("alice-sip")).map(Directory.User::id).contains("alice");
        assertThat(directory.user("bob")).map(Directory.User::config).contains(bob());
        assertThat(directory.user("carol")).isEmpty();
        assertThat(directory.trunk("telnyx")).contains(telnyx());
        assertThat(directory.rates()).containsExactly(rate("+1", "telnyx", "0.01"));
    }

    @Test
    void an_admin_write_shows_after_refresh() {
        directory = DatabaseDirectory.start(store, HOURLY);
        store.createTrunk(ADMIN, "backup", plain("backup.example.net"));
        assertThat(directory.trunk("backup")).isEmpty();

        assertThat(directory.refresh()).isTrue();

        assertThat(directory.trunk("backup")).contains(plain("backup.example.net"));
    }

    @Test
    void the_scheduled_refresh_picks_up_changes_by_itself() {
        directory = DatabaseDirectory.start(store, Duration.ofMillis(100));

        store.deleteUser(ADMIN, "bob");

        await().atMost(Duration.ofSeconds(10)).until(() -> directory.user("bob").isEmpty());
    }

    @Test
    void trunks_and_rates_that_did_not_change_keep_their_identity_across_refreshes() {
        directory = DatabaseDirectory.start(store, HOURLY);
        Map<String, TrunkConfig> trunks = directory.trunks();
        List<RateConfig> rates = directory.rates();

        directory.refresh();
        assertThat(directory.trunks()).isSameAs(trunks);
        assertThat(directory.rates()).isSameAs(rates);

        store.deleteUser(ADMIN, "bob");
        store.createRate(ADMIN, rate("+44", "telnyx", "0.02"));
        directory.refresh();

        assertThat(directory.trunks()).isSameAs(trunks);
        assertThat(directory.rates()).isNotSameAs(rates).hasSize(2);
    }
}
