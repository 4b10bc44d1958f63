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
