package io.sipcall.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlSyntaxTest {

    @TempDir
    Path tmp;

    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(tmp);
    }

    @Test
    void malformed_yaml_names_the_file_line_and_column() {
        Path file = files.write("bad.yml", "sip:\n  udp-port: 5060\n  tls: [TLSv1.3\n  tcp-port: 5060\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(file.toString()))
                .hasMessageContaining("malformed YAML at line 4, column");
    }

    @Test
    void malformed_yaml_does_not_quote_the_offending_line() {
        Path file = files.write("bad.yml", "trunks:\n  telnyx:\n    password: \"hunter2\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasNoCause()
                .message().contains("line").doesNotContain("hunter2");
    }

    @Test
    void scalars_keep_the_text_written_so_a_plus_prefix_survives() {
        SipCallConfig config = files.load("trunks:\n  t: {host: 10.0.0.1}\nroutes:\n  - {prefix: +1, trunks: [t]}\n");

        assertThat(config.routes().get(0).prefix()).isEqualTo("+1");
        assertThat(config.trunks().get("t").host()).isEqualTo("10.0.0.1");
    }

    @Test
    void a_key_given_twice_is_rejected() {
        assertThatThrownBy(() -> files.load("sip:\n  udp-port: 5060\n  udp-port: 5070\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("sip.udp-port"))
                .hasMessageContaining("twice");
    }

    @Test
    void top_level_must_be_a_mapping() {
        assertThatThrownBy(() -> files.load("- a\n- b\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).endsWith("sipcall.yml"));
    }

    @Test
    void a_second_document_is_rejected() {
        assertThatThrownBy(() -> files.load("data-dir: a\n---\ndata-dir: b\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).endsWith("sipcall.yml"))
                .hasMessageContaining("more than one YAML document");
    }

    @Test
    void aliases_are_rejected_with_the_key() {
        assertThatThrownBy(() -> files.load("sip:\n  udp-port: &p 5070\n  tcp-port: *p\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("sip.tcp-port"));
    }

    @Test
    void a_directory_is_not_a_config_file() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(tmp), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(tmp.toString()));
    }
}
