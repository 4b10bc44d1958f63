package io.sipcall.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {

    private static final String TRUNK = "trunks:\n  telnyx: {host: sip.telnyx.com}\n";

    @TempDir
    Path tmp;

    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(tmp);
    }

    @Test
    void unknown_key_is_rejected_with_its_name() {
        rejects("sip:\n  udp-prot: 5070\n", "sip.udp-prot").hasMessageContaining("unknown key")
                .hasMessageContaining("udp-port");
        rejects("datadir: x\n", "datadir");
        rejects("sip:\n  tls:\n    cert: a.pem\n", "sip.tls.cert");
        rejects(TRUNK + "  voipms: {host: sip.voip.ms, proto: udp}\n", "trunks.voipms.proto");
        rejects(TRUNK + "routes:\n  - {prefix: '1', trunks: [telnyx], trunk: telnyx}\n", "routes[0].trunk");
    }

    @Test
    void unknown_secret_key_is_named_without_its_value() {
        rejects(TRUNK.replace("}", ", password: hunter2}"), "trunks.telnyx.password")
                .message().doesNotContain("hunter2");
    }

    @Test
    void wrongly_typed_value_names_the_key() {
        rejects("sip:\n  udp-port: abc\n", "sip.udp-port").hasMessageContaining("whole number")
                .hasMessageContaining("'abc'");
        rejects("sip:\n  worker-threads: 1.5\n", "sip.worker-threads");
        rejects("sip:\n  udp-port: [5060]\n", "sip.udp-port").hasMessageContaining("single value");
        rejects("sip: 5060\n", "sip").hasMessageContaining("mapping");
        rejects("sip:\n  tls:\n    protocols: TLSv1.3\n", "sip.tls.protocols").hasMessageContaining("list");
        rejects("routes:\n  - '+1'\n", "routes[0]");
    }

    @Test
    void a_wrong_value_of_a_secret_key_is_not_echoed() {
        assertThat(Keys.quote("trunks.telnyx.password", "hunter2")).doesNotContain("hunter2");
        assertThat(Keys.quote("api.client-secret", "hunter2")).doesNotContain("hunter2");
        assertThat(Keys.quote("sip.udp-port", "abc")).isEqualTo("'abc'");
    }

    @Test
    void ports_must_be_within_0_to_65535() {
        rejects("sip:\n  udp-port: 65536\n", "sip.udp-port").hasMessageContaining("0 to 65535");
        rejects("sip:\n  tcp-port: -1\n", "sip.tcp-port");
        rejects("trunks:\n  telnyx: {host: sip.telnyx.com, port: 70000}\n", "trunks.telnyx.port");
    }

    @Test
    void port_0_disables_a_listener_and_means_the_default_for_a_trunk() {
        SipCallConfig config = files.load("sip: {udp-port: 0, tcp-port: 0}\n"
                + "trunks:\n  telnyx: {host: sip.telnyx.com, port: 0, transport: tls}\n");

        assertThat(config.sip().udpPort()).isZero();
        assertThat(config.trunks().get("telnyx").effectivePort()).isEqualTo(5061);
    }

    @Test
    void at_least_one_listener_must_be_enabled() {
        rejects("sip: {udp-port: 0, tcp-port: 0, tls-port: 0}\n", "sip").hasMessageContaining("enable at least one");
    }

    @Test
    void udp_and_tcp_may_share_a_port_but_tls_may_not() {
        assertThat(files.load("sip: {udp-port: 5070, tcp-port: 5070}\n").sip().tcpPort()).isEqualTo(5070);
        rejects("sip: {tls-port: 5060}\n", "sip.tls-port").hasMessageContaining("sip.udp-port");
        rejects("sip: {udp-port: 0, tcp-port: 5061}\n", "sip.tls-port").hasMessageContaining("sip.tcp-port");
        assertThat(files.load("sip: {tls-port: 0, udp-port: 0}\n").sip().tlsPort()).isZero();
    }

    @Test
    void certificate_and_private_key_come_together() {
        Path cert = files.write("cert.pem", "c");
        Path key = files.write("key.pem", "k");

        rejects("sip:\n  tls: {certificate: " + cert + "}\n", "sip.tls.private-key");
        rejects("sip:\n  tls: {private-key: " + key + "}\n", "sip.tls.certificate");
    }

    @Test
    void certificate_and_private_key_files_must_exist() {
        Path cert = files.write("cert.pem", "c");
        Path key = files.write("key.pem", "k");

        rejects("sip:\n  tls: {certificate: " + tmp.resolve("none.pem") + ", private-key: " + key + "}\n",
                "sip.tls.certificate").hasMessageContaining("does not exist");
        rejects("sip:\n  tls: {certificate: " + cert + ", private-key: " + tmp.resolve("none.pem") + "}\n",
                "sip.tls.private-key");
        rejects("sip:\n  tls: {certificate: " + tmp + ", private-key: " + key + "}\n", "sip.tls.certificate");
    }

    @Test
    void protocols_must_be_tls_1_2_or_1_3_and_not_empty() {
        rejects("sip:\n  tls: {protocols: [TLSv1.1]}\n", "sip.tls.protocols").hasMessageContaining("TLSv1.2, TLSv1.3");
        rejects("sip:\n  tls: {protocols: []}\n", "sip.tls.protocols").hasMessageContaining("at least one");
    }

    @Test
    void durations_must_be_positive_and_have_a_unit() {
        rejects("sip: {no-answer-timeout: 0s}\n", "sip.no-answer-timeout").hasMessageContaining("greater than zero");
        rejects("sip: {no-answer-timeout: 60}\n", "sip.no-answer-timeout");
        rejects("sip: {trunk-response-timeout: PT-5S}\n", "sip.trunk-response-timeout");
        rejects("sip: {trunk-response-timeout: soon}\n", "sip.trunk-response-timeout");
        rejects("sip: {trunk-response-timeout: }\n", "sip.trunk-response-timeout").hasMessageContaining("required");
    }

    @Test
    void enums_name_the_allowed_values() {
        rejects("trunks:\n  telnyx: {host: sip.telnyx.com, transport: sctp}\n", "trunks.telnyx.transport")
                .hasMessageContaining("udp, tcp, tls");
        rejects("media: {anchor: freeswitch}\n", "media.anchor").hasMessageContaining("passthrough");
    }

    @Test
    void routes_must_reference_defined_trunks() {
        rejects(TRUNK + "routes:\n  - {prefix: '+1', trunks: [telnyx]}\n  - {prefix: '+44', trunks: [voipms]}\n",
                "routes[1].trunks").hasMessageContaining("voipms").hasMessageContaining("telnyx");
    }

    @Test
    void a_route_needs_a_trunk_and_a_prefix() {
        rejects(TRUNK + "routes:\n  - {prefix: '+1', trunks: []}\n", "routes[0].trunks");
        rejects(TRUNK + "routes:\n  - {prefix: '+1'}\n", "routes[0].trunks");
        rejects(TRUNK + "routes:\n  - {trunks: [telnyx]}\n", "routes[0].prefix").hasMessageContaining("required");
        rejects(TRUNK + "routes:\n  - {prefix: '+1', trunks: [telnyx, telnyx]}\n", "routes[0].trunks");
    }

    @Test
    void route_prefix_is_digits_with_an_optional_plus() {
        rejects(TRUNK + "routes:\n  - {prefix: '1-800', trunks: [telnyx]}\n", "routes[0].prefix");
        assertThat(files.load(TRUNK + "routes:\n  - {prefix: '', trunks: [telnyx]}\n").routes().get(0).prefix())
                .isEmpty();
    }

    @Test
    void duplicate_route_prefixes_are_rejected() {
        rejects(TRUNK + "routes:\n  - {prefix: '+1', trunks: [telnyx]}\n  - {prefix: '+1', trunks: [telnyx]}\n",
                "routes[1].prefix").hasMessageContaining("routes[0].prefix");
    }

    @Test
    void trunk_host_must_not_be_blank() {
        rejects("trunks:\n  telnyx: {host: ' '}\n", "trunks.telnyx.host");
        rejects("trunks:\n  telnyx: {port: 5060}\n", "trunks.telnyx.host");
    }

    @Test
    void trunk_names_are_words() {
        rejects("trunks:\n  'tel nyx': {host: sip.telnyx.com}\n", "trunks.tel nyx");
    }

    @Test
    void worker_threads_must_not_be_negative() {
        rejects("sip: {worker-threads: -1}\n", "sip.worker-threads");
    }

    @Test
    void data_dir_and_bind_address_must_not_be_blank() {
        rejects("data-dir: ''\n", "data-dir");
        rejects("sip: {bind-address: ''}\n", "sip.bind-address");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> rejects(String yaml, String key) {
        return assertThatThrownBy(() -> files.load(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
    }
}
