package io.sipcall.persistence.directory;

import static io.sipcall.persistence.directory.Entries.ADMIN;
import static io.sipcall.persistence.directory.Entries.alice;
import static io.sipcall.persistence.directory.Entries.bob;
import static io.sipcall.persistence.directory.Entries.plain;
import static io.sipcall.persistence.directory.Entries.rate;
import static io.sipcall.persistence.directory.Entries.telnyx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.config.RateConfig;
import io.sipcall.config.Secret;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.UserConfig;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DirectoryStoreTest {

    private final Database database = TestDatabase.fresh();
    private final DirectoryStore store = Entries.store(database);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_user_with_a_credential_is_read_back_as_created() {
        UserConfig created = store.createUser(ADMIN, "alice", alice());

        assertThat(created).isEqualTo(alice());
        assertThat(store.user("alice")).contains(alice());
        assertThat(store.users()).containsOnlyKeys("alice");
    }

    @Test
    void a_user_update_replaces_settings_and_credential() {
        store.createUser(ADMIN, "alice", alice());
        UserConfig changed = new UserConfig("Alice A.", UserConfig.Role.ADMIN, "fr", Optional.empty(),
                Optional.of(Entries.credential("alice2")), 3, Optional.empty(), List.of("33"));

        UserConfig stored = store.updateUser(ADMIN, "alice", changed);

        assertThat(stored.defaultCountry()).isEqualTo("FR");
        assertThat(stored.allowedPrefixes()).containsExactly("+33");
        assertThat(store.user("alice")).contains(stored);
        assertThat(stored.sip()).map(UserConfig.SipCredential::username).contains("alice2");
    }

    @Test
    void a_deleted_user_is_gone_with_its_credential() {
        store.createUser(ADMIN, "alice", alice());

        store.deleteUser(ADMIN, "alice");

        assertThat(store.user("alice")).isEmpty();
        store.createUser(ADMIN, "carol", new UserConfig("Carol", UserConfig.Role.USER, "DE", Optional.empty(),
                Optional.of(Entries.credential("alice-sip")), 1, Optional.empty(), List.of()));
        assertThat(store.user("carol")).isPresent();
    }

    @Test
    void a_trunk_is_read_back_with_its_secrets_decrypted() {
        store.createTrunk(ADMIN, "telnyx", telnyx());

        assertThat(store.trunk("telnyx")).contains(telnyx());
        assertThat(store.trunks()).containsOnlyKeys("telnyx");
    }

    @Test
    void a_trunk_update_replaces_it_and_a_delete_takes_its_rates_along() {
        store.createTrunk(ADMIN, "telnyx", telnyx());
        store.createRate(ADMIN, rate("+1", "telnyx", "0.0100"));
        TrunkConfig moved = plain("sip2.example.net");

        assertThat(store.updateTrunk(ADMIN, "telnyx", moved)).isEqualTo(moved);
        assertThat(store.trunk("telnyx")).contains(moved);

        store.deleteTrunk(ADMIN, "telnyx");
        assertThat(store.trunk("telnyx")).isEmpty();
        assertThat(store.rates()).isEmpty();
    }

    @Test
    void rates_are_kept_in_canonical_form_and_found_by_any_spelling_of_their_prefix() {
        store.createTrunk(ADMIN, "telnyx", telnyx());

        RateConfig created = store.createRate(ADMIN, rate("49", "telnyx", "0.0100"));

        assertThat(created).isEqualTo(rate("+49", "telnyx", "0.01"));
        assertThat(store.rate("telnyx", "+49")).contains(created);
        assertThat(store.rate("telnyx", "49")).contains(created);
        assertThat(store.updateRate(ADMIN, rate("+49", "telnyx", "0.0090")).pricePerMinute())
                .isEqualByComparingTo("0.009");
        store.deleteRate(ADMIN, "telnyx", "49");
        assertThat(store.rates()).isEmpty();
    }

    @Test
    void a_rate_for_an_unknown_trunk_is_refused_naming_the_trunk() {
        assertThatThrownBy(() -> store.createRate(ADMIN, rate("+1", "nowhere", "0.01")))
                .isInstanceOfSatisfying(InvalidEntryException.class, e -> assertThat(e.field()).isEqualTo("trunk"))
                .hasMessageContaining("unknown trunk 'nowhere'");
    }

    @Test
    void a_rate_in_a_second_currency_is_refused() {
        store.createTrunk(ADMIN, "telnyx", telnyx());
        store.createRate(ADMIN, rate("+1", "telnyx", "0.01"));

        assertThatThrownBy(() -> store.createRate(ADMIN, new RateConfig("+49", "telnyx", BigDecimal.ONE, "EUR")))
                .isInstanceOfSatisfying(InvalidEntryException.class, e -> assertThat(e.field()).isEqualTo("currency"))
                .hasMessageContaining("rates are in USD");
        assertThat(store.rates()).hasSize(1);
    }

    @Test
    void a_sip_user_name_of_another_user_is_refused() {
        store.createUser(ADMIN, "alice", alice());
        UserConfig impostor = new UserConfig("Mallory", UserConfig.Role.USER, "DE", Optional.empty(),
                Optional.of(Entries.credential("alice-sip")), 1, Optional.empty(), List.of());

        assertThatThrownBy(() -> store.createUser(ADMIN, "mallory", impostor))
                .isInstanceOfSatisfying(ConflictingEntryException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictingEntryException.Reason.TAKEN))
                .hasMessageContaining("'alice-sip'").hasMessageContaining("user 'alice'");
        assertThat(store.user("mallory")).isEmpty();
    }

    @Test
    void creating_what_exists_is_a_conflict_and_changing_what_does_not_is_unknown() {
        store.createUser(ADMIN, "bob", bob());

        assertThatThrownBy(() -> store.createUser(ADMIN, "bob", bob()))
                .isInstanceOfSatisfying(ConflictingEntryException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictingEntryException.Reason.EXISTS));
        assertThatThrownBy(() -> store.updateUser(ADMIN, "nobody", bob())).isInstanceOf(UnknownEntryException.class)
                .hasMessage("user 'nobody' does not exist");
        assertThatThrownBy(() -> store.deleteTrunk(ADMIN, "nowhere")).isInstanceOf(UnknownEntryException.class);
        assertThatThrownBy(() -> store.deleteRate(ADMIN, "nowhere", "+1")).isInstanceOf(UnknownEntryException.class);
    }

    @Test
    void invalid_entries_are_refused_naming_the_field_without_its_value() {
        UserConfig badCallerId = new UserConfig("Eve", UserConfig.Role.USER, "DE", Optional.of("0301234567"),
                Optional.empty(), 1, Optional.empty(), List.of());
        TrunkConfig noPassword = new TrunkConfig(TrunkConfig.TrunkPreset.GENERIC, "sip.example.net", 0,
                io.sipcall.config.Transport.UDP, Optional.empty(),
                new TrunkConfig.TrunkAuth(TrunkConfig.AuthMode.CREDENTIALS, "user", Optional.empty()),
                TrunkConfig.RegistrationConfig.OFF, TrunkConfig.NumberFormat.E164, "", Optional.empty(), 0, 0, 0);

        assertThatThrownBy(() -> store.createUser(ADMIN, "eve", badCallerId))
                .isInstanceOfSatisfying(InvalidEntryException.class, e -> assertThat(e.field()).isEqualTo("caller-id"))
                .message().doesNotContain("0301234567");
        assertThatThrownBy(() -> store.createTrunk(ADMIN, "bad", noPassword))
                .isInstanceOfSatisfying(InvalidEntryException.class,
                        e -> assertThat(e.field()).isEqualTo("auth.password"));
        assertThatThrownBy(() -> store.createTrunk(ADMIN, "no spaces", plain("h")))
                .isInstanceOfSatisfying(InvalidEntryException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> store.createUser(ADMIN, "zed", new UserConfig("Zed", UserConfig.Role.USER, "XX",
                Optional.empty(), Optional.empty(), 1, Optional.empty(), List.of())))
                .isInstanceOfSatisfying(InvalidEntryException.class,
                        e -> assertThat(e.field()).isEqualTo("default-country"));
        assertThat(store.users()).isEmpty();
        assertThat(store.trunks()).isEmpty();
    }

    @Test
    void the_raw_rows_hold_no_plaintext_password_or_caller_id() {
        store.createTrunk(ADMIN, "telnyx", telnyx());
        store.createUser(ADMIN, "alice", alice());

        String trunkRow = database.jdbi().withHandle(h -> h.createQuery("SELECT t::text FROM trunks t")
                .mapTo(String.class).one());
        String userRow = database.jdbi().withHandle(h -> h.createQuery("SELECT u::text FROM users u")
                .mapTo(String.class).one());

        assertThat(trunkRow).contains("telnyx-user").doesNotContain(Entries.TRUNK_PASSWORD)
                .doesNotContain(Entries.TRUNK_CALLER_ID.substring(1)).contains("v1:k1:");
        assertThat(userRow).contains("Alice").doesNotContain(Entries.ALICE_CALLER_ID.substring(1)).contains("v1:k1:");
    }

    @Test
    void a_trunk_update_that_keeps_the_password_passes_the_one_read() {
        store.createTrunk(ADMIN, "telnyx", telnyx());
        TrunkConfig read = store.trunk("telnyx").orElseThrow();
        TrunkConfig morePriority = new TrunkConfig(read.preset(), read.host(), read.port(), read.transport(),
                read.outboundProxy(), read.auth(), read.registration(), read.numberFormat(), read.techPrefix(),
                read.callerId(), 5, read.maxChannels(), read.maxCallsPerSecond());

        store.updateTrunk(ADMIN, "telnyx", morePriority);

        assertThat(store.trunk("telnyx").orElseThrow().auth().password()).contains(new Secret(Entries.TRUNK_PASSWORD));
    }
}
