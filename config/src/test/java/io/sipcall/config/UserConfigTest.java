package io.sipcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.UserConfig.Role;
import io.sipcall.config.UserConfig.SipCredential;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User binding, SIP credentials stored as HA1 only, and the user rules. */
class UserConfigTest {

    private static final String MD5_A = "0123456789abcdef0123456789abcdef";
    private static final String SHA_A = MD5_A + MD5_A;
    private static final String MD5_B = "fedcba9876543210fedcba9876543210";
    private static final String SHA_B = MD5_B + MD5_B;

    @TempDir
    Path tmp;

    private ConfigFiles files;
    private Rejections rejections;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(tmp);
        rejections = new Rejections(files);
    }

    @Test
    void a_user_gets_the_defaults() {
        UserConfig alice = user("{}");

        assertThat(alice).isEqualTo(new UserConfig("", Role.USER, "US", Optional.empty(), Optional.empty(), 2,
                Optional.empty(), List.of()));
    }

    @Test
    void every_field_binds_when_given() {
        UserConfig alice = user("""
                {display-name: Alice Example, role: admin, default-country: de, caller-id: '+4930123456',
                 sip: {username: alice, ha1-md5: %s, ha1-sha256: %s}, max-concurrent-calls: 5,
                 daily-spend-cap: '12.50', allowed-prefixes: ['+882', '+44']}""".formatted(MD5_A, SHA_A));

        assertThat(alice).isEqualTo(new UserConfig("Alice Example", Role.ADMIN, "DE", Optional.of("+4930123456"),
                Optional.of(new SipCredential("alice", MD5_A, SHA_A)), 5, Optional.of(new BigDecimal("12.50")),
                List.of("+882", "+44")));
    }

    @Test
    void default_country_comes_from_routing_when_the_user_names_none() {
        SipCallConfig config = files.load("routing: {default-country: ca}\nusers:\n  alice: {}\n  bob: {default-country: FR}\n");

        assertThat(config.routing().defaultCountry()).isEqualTo("CA");
        assertThat(config.users().get("alice").defaultCountry()).isEqualTo("CA");
        assertThat(config.users().get("bob").defaultCountry()).isEqualTo("FR");
    }

    @Test
    void a_password_is_hashed_into_ha1_for_the_gateway_realm() throws Exception {
        SipCredential sip = user("{sip: {username: alice, password: secret}}").sip().orElseThrow();

        assertThat(sip.ha1Md5()).isEqualTo(hex("MD5", "alice:sipcall:secret"));
        assertThat(sip.ha1Sha256()).isEqualTo(hex("SHA-256", "alice:sipcall:secret"));
    }

    @Test
    void ha1_md5_matches_the_known_vector_for_alice_sipcall_secret() throws Exception {
        // Computed independently of the code under test, here and with
        // printf '%s' 'alice:sipcall:secret' | md5sum (and | sha256sum).
        String md5 = "fae8dcddeead23eba09fe931473140a2";
        String sha256 = "2825ba8f20d01e68df5946cc3e3b5474cbb4272cbdd7f3f57ca167038fab6179";
        assertThat(hex("MD5", "alice:sipcall:secret")).isEqualTo(md5);
        assertThat(hex("SHA-256", "alice:sipcall:secret")).isEqualTo(sha256);

        assertThat(Ha1.md5("alice", "sipcall", "secret")).isEqualTo(md5);
        assertThat(Ha1.sha256("alice", "sipcall", "secret")).isEqualTo(sha256);
    }

    @Test
    void the_realm_the_password_is_hashed_for_is_gateway_realm() throws Exception {
        SipCallConfig config = files.load("gateway: {realm: example.org}\nusers:\n  alice: {sip: {username: alice,"
                + " password: secret}}\n");

        assertThat(config.users().get("alice").sip().orElseThrow().ha1Md5())
                .isEqualTo(hex("MD5", "alice:example.org:secret"));
    }

    @Test
    void the_password_is_kept_nowhere() {
        SipCallConfig config = files.load("users:\n  alice: {sip: {username: alice, password: hunter2}}\n");

        assertThat(config.toString()).doesNotContain("hunter2");
        assertThat(config.users().get("alice").sip().orElseThrow())
                .hasOnlyFields("username", "ha1Md5", "ha1Sha256");
    }

    @Test
    void sip_takes_password_or_both_ha1_values_not_both_ways() {
        rejects("{sip: {username: alice, password: hunter2, ha1-md5: " + MD5_A + ", ha1-sha256: " + SHA_A + "}}",
                "users.alice.sip.password").hasMessageContaining("either").message().doesNotContain("hunter2");
        rejects("{sip: {username: alice}}", "users.alice.sip.password").hasMessageContaining("ha1-md5 and ha1-sha256");
        rejects("{sip: {username: alice, ha1-md5: " + MD5_A + "}}", "users.alice.sip.ha1-sha256");
        rejects("{sip: {username: alice, ha1-sha256: " + SHA_A + "}}", "users.alice.sip.ha1-md5");
        rejects("{sip: {username: alice, password: ''}}", "users.alice.sip.password");
    }

    @Test
    void an_empty_sip_section_is_no_credential() {
        assertThat(files.load("users:\n  alice:\n    sip:\n").users().get("alice").sip()).isEmpty();
    }

    @Test
    void sip_username_is_required_and_not_blank() {
        rejects("{sip: {password: secret}}", "users.alice.sip.username").hasMessageContaining("required");
        rejects("{sip: {username: , password: secret}}", "users.alice.sip.username").hasMessageContaining("required");
        rejects("{sip: {username: ' ', password: secret}}", "users.alice.sip.username");
        rejects("{sip: {username: 'al ice', password: secret}}", "users.alice.sip.username");
    }

    @Test
    void ha1_values_are_lower_case_hex_of_the_right_length_and_never_echoed() {
        rejects("{sip: {username: alice, ha1-md5: " + MD5_A.substring(1) + ", ha1-sha256: " + SHA_A + "}}",
                "users.alice.sip.ha1-md5").hasMessageContaining("32 lower-case hex")
                .message().doesNotContain(MD5_A.substring(1));
        rejects("{sip: {username: alice, ha1-md5: " + MD5_A.toUpperCase() + ", ha1-sha256: " + SHA_A + "}}",
                "users.alice.sip.ha1-md5");
        rejects("{sip: {username: alice, ha1-md5: " + MD5_A + ", ha1-sha256: " + MD5_A + "}}",
                "users.alice.sip.ha1-sha256").hasMessageContaining("64 lower-case hex");
        rejects("{sip: {username: alice, ha1-md5: " + MD5_A + ", ha1-sha256: " + SHA_A.replace('a', 'g') + "}}",
                "users.alice.sip.ha1-sha256");
    }

    @Test
    void sip_usernames_are_unique_and_the_error_names_the_user_whose_id_sorts_later() {
        rejections.rejects("users:\n"
                + "  bob: {sip: {username: shared, ha1-md5: " + MD5_B + ", ha1-sha256: " + SHA_B + "}}\n"
                + "  alice: {sip: {username: shared, ha1-md5: " + MD5_A + ", ha1-sha256: " + SHA_A + "}}\n",
                "users.bob.sip.username").hasMessageContaining("users.alice");
    }

    @Test
    void user_ids_are_not_blank() {
        rejections.rejects("users:\n  ' ': {}\n", "users. ").hasMessageContaining("blank");
    }

    @Test
    void default_country_is_a_known_iso_code() {
        assertThat(user("{default-country: gb}").defaultCountry()).isEqualTo("GB");
        rejects("{default-country: XX}", "users.alice.default-country").hasMessageContaining("ISO 3166-1");
        rejects("{default-country: USA}", "users.alice.default-country");
        rejections.rejects("routing: {default-country: UK}\n", "routing.default-country");
        // A user who inherits the bad country does not take the blame for it.
        rejections.rejects("routing: {default-country: UK}\nusers:\n  alice: {}\n", "routing.default-country");
    }

    @Test
    void caller_id_and_allowed_prefixes_are_e164() {
        rejects("{caller-id: '4930123456'}", "users.alice.caller-id");
        rejects("{allowed-prefixes: ['+44', '882']}", "users.alice.allowed-prefixes[1]");
    }

    @Test
    void role_is_user_or_admin() {
        rejects("{role: root}", "users.alice.role").hasMessageContaining("user, admin");
    }

    @Test
    void max_concurrent_calls_is_at_least_1() {
        rejects("{max-concurrent-calls: 0}", "users.alice.max-concurrent-calls").hasMessageContaining("at least 1");
        assertThat(user("{max-concurrent-calls: 1}").maxConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void daily_spend_cap_is_a_decimal_greater_than_0() {
        rejects("{daily-spend-cap: 0}", "users.alice.daily-spend-cap").hasMessageContaining("greater than 0");
        rejects("{daily-spend-cap: -1}", "users.alice.daily-spend-cap");
        rejects("{daily-spend-cap: ten}", "users.alice.daily-spend-cap");
        assertThat(user("{daily-spend-cap: 0.1}").dailySpendCap()).contains(new BigDecimal("0.1"));
    }

    @Test
    void unknown_user_keys_are_rejected() {
        rejects("{name: Alice}", "users.alice.name");
        rejects("{sip: {user: alice}}", "users.alice.sip.user");
    }

    private UserConfig user(String flowMap) {
        return files.load("users:\n  alice: " + flowMap + "\n").users().get("alice");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> rejects(String flowMap, String key) {
        return rejections.rejects("users:\n  alice: " + flowMap + "\n", key);
    }

    private static String hex(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
