package io.sipcall.config;

import static io.sipcall.config.ConfigFiles.loadEnv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvOverridesTest {

    private static final String TELNYX = """
            trunks:
              telnyx: {host: sip.telnyx.com, port: 5060, transport: udp}
              voip-ms: {host: sip.voip.ms}
            routes:
              - prefix: "+1"
                trunks: [telnyx]
            """;

    @TempDir
    Path tmp;

    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(tmp);
    }

    @Test
    void scalar_keys_are_overridden() {
        SipCallConfig config = loadEnv(Map.of(
                "SIPCALL_DATA_DIR", "/srv/sipcall",
                "SIPCALL_SIP_UDP_PORT", "5080",
                "SIPCALL_SIP_NO_ANSWER_TIMEOUT", "30s",
                "SIPCALL_MEDIA_ANCHOR", "passthrough"));

        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/sipcall"));
        assertThat(config.sip().udpPort()).isEqualTo(5080);
        assertThat(config.sip().noAnswerTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void longest_key_match_wins_between_tls_port_and_tls_section() {
        SipCallConfig config = loadEnv(Map.of(
                "SIPCALL_SIP_TLS_PORT", "5062",
                "SIPCALL_SIP_TLS_PROTOCOLS", "TLSv1.3"));

        assertThat(config.sip().tlsPort()).isEqualTo(5062);
        assertThat(config.sip().tls().protocols()).containsExactly("TLSv1.3");
    }

    @Test
    void env_wins_over_the_file() {
        SipCallConfig config = files.load("sip:\n  udp-port: 5070\n", Map.of("SIPCALL_SIP_UDP_PORT", "5090"));

        assertThat(config.sip().udpPort()).isEqualTo(5090);
    }

    @Test
    void nested_keys_of_a_file_trunk_are_overridden() {
        SipCallConfig config = files.load(TELNYX, Map.of(
                "SIPCALL_TRUNKS_TELNYX_HOST", "sip2.telnyx.com",
                "SIPCALL_TRUNKS_TELNYX_TRANSPORT", "tls",
                "SIPCALL_TRUNKS_VOIP_MS_PORT", "5080"));

        assertThat(config.trunks().get("telnyx")).isEqualTo(TrunkConfig.simple("sip2.telnyx.com", 5060, Transport.TLS));
        assertThat(config.trunks().get("voip-ms").port())
                .as("a trunk key the file left out can be set").isEqualTo(5080);
    }

    @Test
    void list_of_scalars_takes_a_comma_separated_value() {
        SipCallConfig config = loadEnv(Map.of("SIPCALL_SIP_TLS_PROTOCOLS", "TLSv1.2, TLSv1.3"));

        assertThat(config.sip().tls().protocols()).containsExactly("TLSv1.2", "TLSv1.3");
    }

    @Test
    void list_entries_are_overridden_by_index() {
        SipCallConfig config = files.load(TELNYX, Map.of(
                "SIPCALL_ROUTES_0_PREFIX", "+44",
                "SIPCALL_ROUTES_0_TRUNKS", "voip-ms,telnyx",
                "SIPCALL_SIP_TLS_PROTOCOLS_1", "TLSv1.3"));

        assertThat(config.routes()).containsExactly(new RouteConfig("+44", List.of("voip-ms", "telnyx")));
        assertThat(config.sip().tls().protocols()).containsExactly("TLSv1.3", "TLSv1.3");
    }

    @Test
    void trunk_and_routes_are_created_by_env_alone() {
        SipCallConfig config = loadEnv(Map.of(
                "SIPCALL_TRUNKS_TELNYX_HOST", "sip.telnyx.com",
                "SIPCALL_TRUNKS_TELNYX_TRANSPORT", "tls",
                "SIPCALL_ROUTES_0_PREFIX", "+1",
                "SIPCALL_ROUTES_0_TRUNKS", "telnyx",
                "SIPCALL_ROUTES_1_PREFIX", "",
                "SIPCALL_ROUTES_1_TRUNKS", "telnyx"));

        assertThat(config.trunks()).containsOnlyKeys("telnyx");
        assertThat(config.trunks().get("telnyx")).isEqualTo(TrunkConfig.simple("sip.telnyx.com", 0, Transport.TLS));
        assertThat(config.routes()).containsExactly(
                new RouteConfig("+1", List.of("telnyx")),
                new RouteConfig("", List.of("telnyx")));
    }

    @Test
    void routes_created_by_env_are_ordered_numerically() {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("SIPCALL_TRUNKS_T_HOST", "t.example.com");
        for (int i = 0; i <= 10; i++) {
            env.put("SIPCALL_ROUTES_" + i + "_PREFIX", "+" + i);
            env.put("SIPCALL_ROUTES_" + i + "_TRUNKS", "t");
        }

        SipCallConfig config = loadEnv(env);

        assertThat(config.routes()).hasSize(11);
        assertThat(config.routes().get(10).prefix()).isEqualTo("+10");
    }

    @Test
    void a_route_index_past_the_end_is_rejected_with_the_variable() {
        assertThatThrownBy(() -> loadEnv(Map.of("SIPCALL_ROUTES_1_PREFIX", "+1")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("SIPCALL_ROUTES_1_PREFIX"))
                .hasMessageContaining("next index, 0");
    }

    @Test
    void typo_in_a_variable_is_rejected_with_its_name() {
        assertThatThrownBy(() -> loadEnv(Map.of("SIPCALL_SIP_UDP_PROT", "5070")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("SIPCALL_SIP_UDP_PROT"))
                .hasMessageContaining("matches no configuration key");
        assertThatThrownBy(() -> loadEnv(Map.of("SIPCALL_TRUNKS_TELNYX_HOTS", "x")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("SIPCALL_TRUNKS_TELNYX_HOTS"));
        assertThatThrownBy(() -> loadEnv(Map.of("SIPCALL_SIP", "x")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("SIPCALL_SIP"))
                .hasMessageContaining("section");
    }

    @Test
    void a_list_of_sections_cannot_be_set_as_one_value() {
        assertThatThrownBy(() -> loadEnv(Map.of("SIPCALL_ROUTES", "+1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("SIPCALL_ROUTES"))
                .hasMessageContaining("one by one");
    }

    @Test
    void secret_is_read_from_the_file_a_FILE_variable_names() {
        Path secret = files.write("host.txt", "sip.telnyx.com\n");

        SipCallConfig config = files.load(TELNYX, Map.of("SIPCALL_TRUNKS_TELNYX_HOST_FILE", secret.toString()));

        assertThat(config.trunks().get("telnyx").host()).isEqualTo("sip.telnyx.com");
    }

    @Test
    void FILE_variable_naming_a_missing_file_is_rejected_with_the_variable() {
        assertThatThrownBy(() -> loadEnv(Map.of("SIPCALL_DATA_DIR_FILE", tmp.resolve("none").toString())))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("SIPCALL_DATA_DIR_FILE"));
    }

    @Test
    void a_variable_and_its_FILE_form_together_are_rejected() {
        Path file = files.write("dir.txt", "/srv");

        assertThatThrownBy(() -> loadEnv(Map.of("SIPCALL_DATA_DIR", "/a", "SIPCALL_DATA_DIR_FILE", file.toString())))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("SIPCALL_DATA_DIR_FILE"));
    }

    @Test
    void a_FILE_secret_for_an_unknown_key_is_rejected_without_its_value() {
        Path secret = files.write("password.txt", "hunter2\n");

        assertThatThrownBy(() -> files.load(TELNYX, Map.of("SIPCALL_TRUNKS_TELNYX_PASSWORD_FILE", secret.toString())))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("SIPCALL_TRUNKS_TELNYX_PASSWORD_FILE"))
                .message().doesNotContain("hunter2");
    }

    @Test
    void a_trunk_with_nested_and_multi_word_keys_is_created_by_env_alone() {
        Path secret = files.write("telnyx-password", "s3cret\n");

        SipCallConfig config = loadEnv(Map.of(
                "SIPCALL_TRUNKS_TELNYX_PRESET", "telnyx",
                "SIPCALL_TRUNKS_TELNYX_AUTH_USERNAME", "acme",
                "SIPCALL_TRUNKS_TELNYX_AUTH_PASSWORD_FILE", secret.toString(),
                "SIPCALL_TRUNKS_TELNYX_REGISTRATION_ENABLED", "true",
                "SIPCALL_TRUNKS_TELNYX_MAX_CALLS_PER_SECOND", "5",
                "SIPCALL_TRUNKS_TELNYX_OUTBOUND_PROXY", "proxy.example.com:5070"));

        TrunkConfig trunk = config.trunks().get("telnyx");
        assertThat(trunk.host()).isEqualTo("sip.telnyx.com");
        assertThat(trunk.auth()).isEqualTo(new TrunkConfig.TrunkAuth(TrunkConfig.AuthMode.CREDENTIALS, "acme",
                java.util.Optional.of(new Secret("s3cret"))));
        assertThat(trunk.registration().enabled()).isTrue();
        assertThat(trunk.maxCallsPerSecond()).isEqualTo(5.0);
        assertThat(trunk.outboundProxy()).contains("proxy.example.com:5070");
    }

    @Test
    void a_trunk_password_FILE_variable_sets_the_password_of_a_file_trunk() {
        Path secret = files.write("telnyx-password", "s3cret\n");

        SipCallConfig config = files.load("trunks:\n  telnyx: {preset: telnyx, auth: {username: acme}}\n",
                Map.of("SIPCALL_TRUNKS_TELNYX_AUTH_PASSWORD_FILE", secret.toString()));

        assertThat(config.trunks().get("telnyx").auth().password()).contains(new Secret("s3cret"));
    }

    @Test
    void the_example_loads_with_the_telnyx_password_from_a_FILE_variable() {
        Path secret = files.write("telnyx-password", "s3cret\n");

        SipCallConfig config = ConfigLoader.load(java.util.Optional.of(Path.of("../sipcall.example.yml")), Map.of(
                "SIPCALL_TRUNKS_TELNYX_AUTH_MODE", "credentials",
                "SIPCALL_TRUNKS_TELNYX_AUTH_USERNAME", "acme",
                "SIPCALL_TRUNKS_TELNYX_AUTH_PASSWORD_FILE", secret.toString(),
                "SIPCALL_TRUNKS_TELNYX_REGISTRATION_ENABLED", "true"));

        assertThat(config.trunks().get("telnyx").auth().password()).contains(new Secret("s3cret"));
        assertThat(config.trunks().get("telnyx").registration().enabled()).isTrue();
    }

    @Test
    void a_user_with_a_sip_credential_is_created_by_env_alone() {
        Path secret = files.write("alice-password", "secret\n");

        SipCallConfig config = loadEnv(Map.of(
                "SIPCALL_USERS_ALICE_SIP_USERNAME", "alice",
                "SIPCALL_USERS_ALICE_SIP_PASSWORD_FILE", secret.toString(),
                "SIPCALL_USERS_ALICE_ROLE", "admin",
                "SIPCALL_USERS_ALICE_ALLOWED_PREFIXES", "+882, +44",
                "SIPCALL_USERS_ALICE_MAX_CONCURRENT_CALLS", "3"));

        UserConfig alice = config.users().get("alice");
        assertThat(alice.role()).isEqualTo(UserConfig.Role.ADMIN);
        assertThat(alice.sip().orElseThrow().username()).isEqualTo("alice");
        assertThat(alice.sip().orElseThrow().ha1Md5()).as("MD5 of alice:sipcall:secret")
                .isEqualTo("fae8dcddeead23eba09fe931473140a2");
        assertThat(alice.allowedPrefixes()).containsExactly("+882", "+44");
        assertThat(alice.maxConcurrentCalls()).isEqualTo(3);
    }

    @Test
    void a_file_user_gets_a_sip_section_from_env() {
        SipCallConfig config = files.load("users:\n  alice: {display-name: Alice}\n", Map.of(
                "SIPCALL_USERS_ALICE_SIP_USERNAME", "alice",
                "SIPCALL_USERS_ALICE_SIP_PASSWORD", "secret"));

        assertThat(config.users().get("alice").displayName()).isEqualTo("Alice");
        assertThat(config.users().get("alice").sip().orElseThrow().username()).isEqualTo("alice");
    }

    @Test
    void rates_and_policy_lists_are_set_by_env() {
        SipCallConfig config = loadEnv(Map.of(
                "SIPCALL_TRUNKS_TELNYX_PRESET", "telnyx",
                "SIPCALL_RATES_0_PREFIX", "+1",
                "SIPCALL_RATES_0_TRUNK", "telnyx",
                "SIPCALL_RATES_0_PRICE_PER_MINUTE", "0.005",
                "SIPCALL_RATES_0_CURRENCY", "USD",
                "SIPCALL_TOLL_FRAUD_ROLE_ALLOWLISTS_ADMIN", "+882",
                "SIPCALL_TOLL_FRAUD_DENIED_COUNTRIES", "cu,ir",
                "SIPCALL_GATEWAY_TRUSTED_PEERS", "10.0.0.0/8,::1",
                "SIPCALL_GATEWAY_AUTH_FAILURES_MAX_FAILURES", "3"));

        assertThat(config.rates()).containsExactly(new RateConfig("+1", "telnyx", new java.math.BigDecimal("0.005"), "USD"));
        assertThat(config.tollFraud().roleAllowlists()).containsEntry(UserConfig.Role.ADMIN, List.of("+882"));
        assertThat(config.tollFraud().deniedCountries()).containsExactly("CU", "IR");
        assertThat(config.gateway().trustedPeers()).containsExactly("10.0.0.0/8", "::1");
        assertThat(config.gateway().authFailures().maxFailures()).isEqualTo(3);
    }

    @Test
    void a_new_entry_needs_a_key_an_entry_may_have() {
        assertThatThrownBy(() -> loadEnv(Map.of("SIPCALL_USERS_ALICE_SIP_USER", "alice")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("SIPCALL_USERS_ALICE_SIP_USER"))
                .hasMessageContaining("users.alice.sip").hasMessageContaining("username");
        assertThatThrownBy(() -> loadEnv(Map.of("SIPCALL_USERS_ALICE", "x")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("SIPCALL_USERS_ALICE"))
                .hasMessageContaining("SIPCALL_USERS_NAME_KEY").hasMessageContaining("SIP");
        assertThatThrownBy(() -> loadEnv(Map.of("SIPCALL_TRUNKS_T_AUTH", "x")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("SIPCALL_TRUNKS_T_AUTH"))
                .hasMessageContaining("section");
    }

    @Test
    void a_secret_from_env_is_never_in_an_error() {
        Path secret = files.write("password.txt", "hunter2\n");

        assertThatThrownBy(() -> loadEnv(Map.of(
                "SIPCALL_TRUNKS_T_HOST", "t.example",
                "SIPCALL_TRUNKS_T_AUTH_PASSWORD_FILE", secret.toString(),
                "SIPCALL_TRUNKS_T_AUTH_MODE", "ip",
                "SIPCALL_TRUNKS_T_REGISTRATION_ENABLED", "true")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("trunks.t.registration.enabled"))
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> loadEnv(Map.of("SIPCALL_USERS_ALICE_SIP_PASSWORD", "hunter2")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("users.alice.sip.username"))
                .message().doesNotContain("hunter2");
    }

    @Test
    void a_wrongly_typed_value_from_env_names_the_key() {
        assertThatThrownBy(() -> loadEnv(Map.of("SIPCALL_SIP_UDP_PORT", "abc")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("sip.udp-port"));
    }

    @Test
    void variables_without_the_prefix_are_ignored() {
        SipCallConfig config = loadEnv(Map.of("PATH", "/usr/bin", "SIPCALLX", "1"));

        assertThat(config.sip().udpPort()).isEqualTo(5060);
    }
}
