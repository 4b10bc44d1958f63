package io.sipcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.TrunkConfig.AuthMode;
import io.sipcall.config.TrunkConfig.NumberFormat;
import io.sipcall.config.TrunkConfig.RegistrationConfig;
import io.sipcall.config.TrunkConfig.TrunkAuth;
import io.sipcall.config.TrunkConfig.TrunkPreset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trunk binding: presets, field defaults and the trunk rules. */
class TrunkConfigTest {

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
    void a_generic_trunk_gets_the_field_defaults() {
        TrunkConfig trunk = trunk("{host: sip.example.com}");

        assertThat(trunk).isEqualTo(new TrunkConfig(TrunkPreset.GENERIC, "sip.example.com", 0, Transport.UDP,
                Optional.empty(), TrunkAuth.IP, new RegistrationConfig(false, Duration.ofSeconds(3600)),
                NumberFormat.E164_PLUS, "", Optional.empty(), 0, 0, 0));
        assertThat(trunk).isEqualTo(TrunkConfig.simple("sip.example.com", 0, Transport.UDP));
    }

    @Test
    void telnyx_preset_fills_host_number_format_and_call_rate() {
        TrunkConfig trunk = trunk("{preset: telnyx}");

        assertThat(trunk.preset()).isEqualTo(TrunkPreset.TELNYX);
        assertThat(trunk.host()).isEqualTo("sip.telnyx.com");
        assertThat(trunk.numberFormat()).isEqualTo(NumberFormat.E164_PLUS);
        assertThat(trunk.maxCallsPerSecond()).isEqualTo(20.0);
        assertThat(trunk.auth()).as("no user name: IP authentication").isEqualTo(TrunkAuth.IP);
        assertThat(trunk.registration().enabled()).isFalse();
    }

    @Test
    void telnyx_preset_authenticates_with_credentials_when_a_username_is_given() {
        TrunkConfig trunk = trunk("{preset: telnyx, auth: {username: acme, password: s3cret}}");

        assertThat(trunk.auth().mode()).isEqualTo(AuthMode.CREDENTIALS);
        assertThat(trunk.auth().username()).isEqualTo("acme");
        assertThat(trunk.auth().password()).contains(new Secret("s3cret"));
    }

    @Test
    void an_explicit_key_overrides_the_preset() {
        TrunkConfig trunk = trunk("{preset: telnyx, host: sip2.telnyx.com, number-format: national,"
                + " max-calls-per-second: 2.5, auth: {mode: ip, username: acme}}");

        assertThat(trunk.host()).isEqualTo("sip2.telnyx.com");
        assertThat(trunk.numberFormat()).isEqualTo(NumberFormat.NATIONAL);
        assertThat(trunk.maxCallsPerSecond()).isEqualTo(2.5);
        assertThat(trunk.auth().mode()).isEqualTo(AuthMode.IP);
    }

    @Test
    void voipms_preset_writes_e164_without_plus_and_registers_with_credentials() {
        TrunkConfig trunk = trunk("{preset: voipms, host: toronto.voip.ms, auth: {username: '100000_a', password: pw}}");

        assertThat(trunk.numberFormat()).isEqualTo(NumberFormat.E164);
        assertThat(trunk.auth().mode()).isEqualTo(AuthMode.CREDENTIALS);
        assertThat(trunk.registration()).isEqualTo(new RegistrationConfig(true, Duration.ofHours(1)));
        assertThat(trunk.maxCallsPerSecond()).isZero();
    }

    @Test
    void voipms_preset_with_ip_auth_does_not_register_by_default() {
        TrunkConfig trunk = trunk("{preset: voipms, host: toronto.voip.ms, auth: {mode: ip}}");

        assertThat(trunk.registration().enabled()).isFalse();
    }

    @Test
    void voipms_preset_requires_a_host_and_says_why() {
        rejects("{preset: voipms, auth: {username: u, password: p}}", "trunks.t.host")
                .hasMessageContaining("toronto.voip.ms");
    }

    @Test
    void generic_trunk_authenticates_with_credentials_when_a_username_is_given() {
        assertThat(trunk("{host: h.example, auth: {username: u, password: p}}").auth().mode())
                .isEqualTo(AuthMode.CREDENTIALS);
        assertThat(trunk("{host: h.example, auth: {username: ''}}").auth().mode())
                .as("a blank user name is none").isEqualTo(AuthMode.IP);
    }

    @Test
    void every_field_binds_when_given() {
        TrunkConfig trunk = trunk("""
                {preset: generic, host: sip.example.com, port: 5061, transport: tls,
                 outbound-proxy: 'proxy.example.com:5070', auth: {mode: credentials, username: u, password: p},
                 registration: {enabled: true, expiry: 10m}, number-format: e164, tech-prefix: '1234#',
                 caller-id: '+12125550100', priority: 3, max-channels: 30, max-calls-per-second: 0.5}""");

        assertThat(trunk).isEqualTo(new TrunkConfig(TrunkPreset.GENERIC, "sip.example.com", 5061, Transport.TLS,
                Optional.of("proxy.example.com:5070"), new TrunkAuth(AuthMode.CREDENTIALS, "u", Optional.of(new Secret("p"))),
                new RegistrationConfig(true, Duration.ofMinutes(10)), NumberFormat.E164, "1234#",
                Optional.of("+12125550100"), 3, 30, 0.5));
    }

    @Test
    void enum_values_are_kebab_case_and_errors_list_them_so() {
        assertThat(trunk("{host: h.example, number-format: E164-PLUS}").numberFormat()).isEqualTo(NumberFormat.E164_PLUS);
        rejects("{host: h.example, number-format: e.164}", "trunks.t.number-format")
                .hasMessageContaining("e164-plus, e164, national");
        rejects("{preset: twilio}", "trunks.t.preset").hasMessageContaining("generic, telnyx, voipms");
        rejects("{host: h.example, auth: {mode: token}}", "trunks.t.auth.mode").hasMessageContaining("credentials, ip");
    }

    @Test
    void unknown_keys_inside_auth_and_registration_are_rejected() {
        rejects("{host: h.example, auth: {user: u}}", "trunks.t.auth.user");
        rejects("{host: h.example, registration: {expires: 60s}}", "trunks.t.registration.expires");
    }

    @Test
    void credentials_mode_requires_a_username() {
        rejects("{host: h.example, auth: {mode: credentials, password: p}}", "trunks.t.auth.username");
    }

    @Test
    void credentials_mode_requires_a_password_and_names_the_FILE_variable() {
        rejects("{host: h.example, auth: {username: u}}", "trunks.t.auth.password")
                .hasMessageContaining("SIPCALL_TRUNKS_T_AUTH_PASSWORD_FILE");
        rejects("{host: h.example, auth: {username: u, password: ''}}", "trunks.t.auth.password");
    }

    @Test
    void registration_requires_credentials_mode() {
        rejects("{host: h.example, registration: {enabled: true}}", "trunks.t.registration.enabled")
                .hasMessageContaining("credentials");
    }

    @Test
    void registration_enabled_must_be_true_or_false() {
        rejects("{host: h.example, registration: {enabled: yes}}", "trunks.t.registration.enabled")
                .hasMessageContaining("true or false");
    }

    @Test
    void registration_expiry_is_between_60s_and_24h() {
        String prefix = "{host: h.example, auth: {username: u, password: p}, registration: {expiry: ";
        rejects(prefix + "59s}}", "trunks.t.registration.expiry").hasMessageContaining("60s to 24h");
        rejects(prefix + "25h}}", "trunks.t.registration.expiry");
        assertThat(trunk(prefix + "60s}}").registration().expiry()).isEqualTo(Duration.ofSeconds(60));
        assertThat(trunk(prefix + "24h}}").registration().expiry()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void outbound_proxy_is_host_or_host_and_port() {
        assertThat(trunk("{host: h.example, outbound-proxy: proxy.example.com}").outboundProxy())
                .contains("proxy.example.com");
        assertThat(trunk("{host: h.example, outbound-proxy: '10.0.0.1:5060'}").outboundProxy()).contains("10.0.0.1:5060");
        assertThat(trunk("{host: h.example, outbound-proxy: '[2001:db8::1]:5060'}").outboundProxy())
                .contains("[2001:db8::1]:5060");
        assertThat(trunk("{host: h.example, outbound-proxy: ''}").outboundProxy()).isEmpty();
        for (String bad : new String[] {"'proxy:0'", "'proxy:65536'", "'proxy:'", "'proxy:abc'", "'sip:proxy:5060'",
                "'2001:db8::1'", "'[2001:db8::1'", "'[not-v6]:5060'", "'pro xy'"}) {
            rejects("{host: h.example, outbound-proxy: " + bad + "}", "trunks.t.outbound-proxy")
                    .hasMessageContaining("host:port");
        }
    }

    @Test
    void caller_id_is_plus_and_1_to_15_digits() {
        assertThat(trunk("{host: h.example, caller-id: '+1'}").callerId()).contains("+1");
        rejects("{host: h.example, caller-id: '12125550100'}", "trunks.t.caller-id").hasMessageContaining("E.164");
        rejects("{host: h.example, caller-id: '+1234567890123456'}", "trunks.t.caller-id");
        rejects("{host: h.example, caller-id: '+1 212 555'}", "trunks.t.caller-id");
    }

    @Test
    void tech_prefix_is_digits_star_and_hash() {
        rejects("{host: h.example, tech-prefix: 'abc'}", "trunks.t.tech-prefix");
    }

    @Test
    void priority_and_max_channels_are_not_negative() {
        rejects("{host: h.example, priority: -1}", "trunks.t.priority").hasMessageContaining("at least 0");
        rejects("{host: h.example, max-channels: -1}", "trunks.t.max-channels").hasMessageContaining("at least 0");
        rejects("{host: h.example, max-channels: 1.5}", "trunks.t.max-channels");
    }

    @Test
    void max_calls_per_second_is_a_decimal_not_negative() {
        assertThat(trunk("{host: h.example, max-calls-per-second: 0}").maxCallsPerSecond()).isZero();
        rejects("{host: h.example, max-calls-per-second: -0.5}", "trunks.t.max-calls-per-second")
                .hasMessageContaining("at least 0");
        rejects("{host: h.example, max-calls-per-second: 1e3}", "trunks.t.max-calls-per-second");
        rejects("{host: h.example, max-calls-per-second: fast}", "trunks.t.max-calls-per-second");
    }

    @Test
    void the_trunk_password_is_never_in_an_error() {
        rejects("{host: h.example, auth: {mode: ip, username: u, password: hunter2}, registration: {enabled: true}}",
                "trunks.t.registration.enabled").message().doesNotContain("hunter2");
        assertThat(trunk("{host: h.example, auth: {username: u, password: hunter2}}").toString())
                .doesNotContain("hunter2");
    }

    private TrunkConfig trunk(String flowMap) {
        return files.load("trunks:\n  t: " + flowMap + "\n").trunks().get("t");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> rejects(String flowMap, String key) {
        return rejections.rejects("trunks:\n  t: " + flowMap + "\n", key);
    }
}
