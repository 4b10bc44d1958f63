package io.sipcall.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.config.MediaConfig.MediaAnchorKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path tmp;

    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(tmp);
    }

    @Test
    void defaults_load_without_a_file() {
        SipCallConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        SipConfig sip = config.sip();
        assertThat(sip.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(sip.advertisedAddress()).isEmpty();
        assertThat(sip.udpPort()).isEqualTo(5060);
        assertThat(sip.tcpPort()).isEqualTo(5060);
        assertThat(sip.tlsPort()).isEqualTo(5061);
        assertThat(sip.tls().certificate()).isEmpty();
        assertThat(sip.tls().privateKey()).isEmpty();
        assertThat(sip.tls().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(sip.noAnswerTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(sip.trunkResponseTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(sip.workerThreads()).isZero();
        assertThat(config.trunks()).isEmpty();
        assertThat(config.routes()).isEmpty();
        assertThat(config.media().anchor()).isEqualTo(MediaAnchorKind.PASSTHROUGH);
    }

    @Test
    void file_overrides_defaults_key_by_key() {
        SipCallConfig config = files.load("""
                data-dir: /var/lib/sipcall
                sip:
                  udp-port: 5070
                  tls:
                    protocols: [TLSv1.3]
                  no-answer-timeout: 2m
                  trunk-response-timeout: 500ms
                  worker-threads: 8
                """);

        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/sipcall"));
        assertThat(config.sip().udpPort()).isEqualTo(5070);
        assertThat(config.sip().tcpPort()).as("untouched sibling keeps its default").isEqualTo(5060);
        assertThat(config.sip().tls().protocols()).as("a list replaces").containsExactly("TLSv1.3");
        assertThat(config.sip().noAnswerTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.sip().trunkResponseTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.sip().workerThreads()).isEqualTo(8);
    }

    @Test
    void trunks_and_routes_bind_with_lower_case_enums() {
        SipCallConfig config = files.load("""
                trunks:
                  telnyx: {host: sip.telnyx.com, port: 5061, transport: tls}
                  voipms: {host: sip.voip.ms}
                routes:
                  - prefix: "+1"
                    trunks: [telnyx, voipms]
                  - prefix: +44
                    trunks: [voipms]
                media:
                  anchor: PassThrough
                """);

        assertThat(config.trunks()).containsOnlyKeys("telnyx", "voipms");
        assertThat(config.trunks().get("telnyx")).isEqualTo(TrunkConfig.simple("sip.telnyx.com", 5061, Transport.TLS));
        assertThat(config.trunks().get("voipms"))
                .as("port and transport default to 0 (transport default) and udp")
                .isEqualTo(TrunkConfig.simple("sip.voip.ms", 0, Transport.UDP));
        assertThat(config.routes()).containsExactly(
                new RouteConfig("+1", List.of("telnyx", "voipms")),
                new RouteConfig("+44", List.of("voipms")));
        assertThat(config.media().anchor()).isEqualTo(MediaAnchorKind.PASSTHROUGH);
    }

    @Test
    void durations_accept_every_unit_and_iso_8601() {
        assertThat(timeout("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(timeout("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(timeout("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(timeout("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(timeout("PT60S")).isEqualTo(Duration.ofSeconds(60));
        assertThat(timeout("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void empty_certificate_and_key_mean_absent() {
        SipCallConfig config = files.load("""
                sip:
                  tls: {certificate: "", private-key: ""}
                """);

        assertThat(config.sip().tls().certificate()).isEmpty();
        assertThat(config.sip().tls().privateKey()).isEmpty();
    }

    @Test
    void certificate_and_key_that_exist_are_taken_as_paths() {
        Path cert = files.write("cert.pem", "certificate");
        Path key = files.write("key.pem", "key");

        SipCallConfig config = files.load("sip:\n  tls:\n    certificate: " + cert + "\n    private-key: " + key + "\n");

        assertThat(config.sip().tls().certificate()).contains(cert);
        assertThat(config.sip().tls().privateKey()).contains(key);
    }

    @Test
    void an_empty_file_and_a_bare_section_keep_the_defaults() {
        assertThat(files.load("").sip().udpPort()).isEqualTo(5060);
        assertThat(files.load("sip:\n").sip().udpPort()).isEqualTo(5060);
    }

    @Test
    void relative_paths_stay_relative_to_the_working_directory() {
        assertThat(files.load("data-dir: var/sipcall\n").dataDir()).isEqualTo(Path.of("var/sipcall"));
    }

    @Test
    void missing_config_file_is_rejected_with_its_name() {
        Path missing = tmp.resolve("nope.yml");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(missing.toString()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void the_config_file_variable_is_not_treated_as_an_override() {
        SipCallConfig config = ConfigLoader.load(Optional.empty(), Map.of("SIPCALL_CONFIG", "/etc/sipcall.yml"));

        assertThat(config.sip().udpPort()).isEqualTo(5060);
        assertThat(ConfigLoader.CONFIG_FILE_VARIABLE).isEqualTo("SIPCALL_CONFIG");
    }

    private Duration timeout(String text) {
        return files.load("sip:\n  no-answer-timeout: " + text + "\n").sip().noAnswerTimeout();
    }
}
