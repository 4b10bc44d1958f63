package io.sipcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.UserConfig.Role;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rates, the toll-fraud guard, the gateway and routing: binding, defaults and rules. */
class PolicyConfigTest {

    private static final String TRUNKS = "trunks:\n  telnyx: {preset: telnyx}\n  voipms: {host: v.example}\n";

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
    void new_sections_have_their_defaults() {
        SipCallConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(config.users()).isEmpty();
        assertThat(config.rates()).isEmpty();
        assertThat(config.gateway()).isEqualTo(new GatewayConfig("sipcall", List.of(), List.of(), Duration.ofMinutes(5),
                new GatewayConfig.AuthFailures(5, Duration.ofSeconds(60), Duration.ofMinutes(10))));
        assertThat(config.tollFraud()).isEqualTo(TollFraudConfig.DEFAULT);
        assertThat(config.routing()).isEqualTo(new RoutingConfig("US"));
    }

    @Test
    void rates_bind_prices_exactly_from_their_text() {
        SipCallConfig config = files.load(TRUNKS + "rates:\n"
                + "  - {prefix: '+1', trunk: telnyx, price-per-minute: 0.1, currency: USD}\n"
                + "  - {prefix: '+44', trunk: voipms, price-per-minute: '0.0125', currency: USD}\n");

        assertThat(config.rates()).containsExactly(
                new RateConfig("+1", "telnyx", new BigDecimal("0.1"), "USD"),
                new RateConfig("+44", "voipms", new BigDecimal("0.0125"), "USD"));
        assertThat(config.rates().get(0).pricePerMinute().scale()).as("not 0.1000000000000000055...").isEqualTo(1);
    }

    @Test
    void rate_keys_are_required() {
        rejections.rejects(TRUNKS + "rates:\n  - {trunk: telnyx, price-per-minute: 1, currency: USD}\n", "rates[0].prefix")
                .hasMessageContaining("required");
        rejections.rejects(TRUNKS + "rates:\n  - {prefix: '+1', trunk: telnyx, currency: USD}\n",
                "rates[0].price-per-minute");
        rejections.rejects(TRUNKS + "rates:\n  - {prefix: '+1', trunk: telnyx, price-per-minute: 1}\n", "rates[0].currency");
        rejections.rejects(TRUNKS + "rates:\n  - {prefix: '+1', trunk: telnyx, price-per-minute: 1, currency: USD, x: 1}\n",
                "rates[0].x");
    }

    @Test
    void rate_prefix_is_e164() {
        rejects(rate("'1'", "telnyx", "0.01", "USD"), "rates[0].prefix").hasMessageContaining("E.164");
        rejects(rate("'+'", "telnyx", "0.01", "USD"), "rates[0].prefix");
    }

    @Test
    void rate_trunk_must_be_defined() {
        rejects(rate("'+1'", "twilio", "0.01", "USD"), "rates[0].trunk").hasMessageContaining("telnyx, voipms");
    }

    @Test
    void price_per_minute_is_a_decimal_of_0_or_more() {
        assertThat(files.load(TRUNKS + "rates:\n  - " + rate("'+1'", "telnyx", "0", "USD")).rates().get(0)
                .pricePerMinute()).isEqualByComparingTo("0");
        rejects(rate("'+1'", "telnyx", "-0.01", "USD"), "rates[0].price-per-minute").hasMessageContaining("at least 0");
        rejects(rate("'+1'", "telnyx", "1e-3", "USD"), "rates[0].price-per-minute");
    }

    @Test
    void currency_is_three_upper_case_letters() {
        rejects(rate("'+1'", "telnyx", "0.01", "usd"), "rates[0].currency").hasMessageContaining("ISO 4217");
        rejects(rate("'+1'", "telnyx", "0.01", "US$"), "rates[0].currency");
    }

    @Test
    void all_rates_share_one_currency_and_the_error_names_the_first_that_differs() {
        rejections.rejects(TRUNKS + "rates:\n"
                + "  - " + rate("'+1'", "telnyx", "0.01", "USD")
                + "  - " + rate("'+44'", "telnyx", "0.01", "USD")
                + "  - " + rate("'+49'", "telnyx", "0.01", "EUR")
                + "  - " + rate("'+33'", "telnyx", "0.01", "CAD"), "rates[2].currency")
                .hasMessageContaining("rates[0].currency");
    }

    @Test
    void a_prefix_has_one_rate_per_trunk() {
        rejections.rejects(TRUNKS + "rates:\n"
                + "  - " + rate("'+1'", "telnyx", "0.01", "USD")
                + "  - " + rate("'+1'", "voipms", "0.02", "USD")
                + "  - " + rate("'+1'", "telnyx", "0.03", "USD"), "rates[2]").hasMessageContaining("rates[0]");
    }

    @Test
    void toll_fraud_binds_every_key() {
        TollFraudConfig fraud = files.load("""
                toll-fraud:
                  enabled: false
                  allowed-countries: [us, CA]
                  denied-countries: [cu]
                  denied-prefixes: ['+1900']
                  deny-premium-rate: false
                  deny-satellite: false
                  deny-shared-cost: false
                  role-allowlists: {admin: ['+882'], user: []}
                """).tollFraud();

        assertThat(fraud).isEqualTo(new TollFraudConfig(false, List.of("US", "CA"), List.of("CU"), List.of("+1900"),
                false, false, false, Map.of(Role.ADMIN, List.of("+882"))));
    }

    @Test
    void toll_fraud_countries_are_known_iso_codes() {
        rejections.rejects("toll-fraud: {allowed-countries: [US, ZZ]}\n", "toll-fraud.allowed-countries[1]")
                .hasMessageContaining("'ZZ'");
        rejections.rejects("toll-fraud: {denied-countries: [Cuba]}\n", "toll-fraud.denied-countries[0]");
    }

    @Test
    void a_country_is_not_both_allowed_and_denied() {
        rejections.rejects("toll-fraud: {allowed-countries: [US, CA], denied-countries: [ca]}\n",
                "toll-fraud.denied-countries[0]");
    }

    @Test
    void toll_fraud_prefixes_and_allowlists_are_e164() {
        rejections.rejects("toll-fraud: {denied-prefixes: ['1900']}\n", "toll-fraud.denied-prefixes[0]");
        rejections.rejects("toll-fraud: {role-allowlists: {admin: ['+882', 'x']}}\n", "toll-fraud.role-allowlists.admin[1]");
        rejections.rejects("toll-fraud: {role-allowlists: {root: ['+882']}}\n", "toll-fraud.role-allowlists.root")
                .hasMessageContaining("user, admin");
        rejections.rejects("toll-fraud: {enabled: on}\n", "toll-fraud.enabled");
    }

    @Test
    void gateway_binds_every_key() {
        GatewayConfig gateway = files.load("""
                gateway:
                  realm: pbx.example.org
                  trusted-peers: [10.0.0.5, 192.168.10.0/24, '2001:db8::/32', '::1', 0.0.0.0/0]
                  nonce-lifetime: 30s
                  auth-failures: {max-failures: 3, window: 2m, block-for: 1h}
                """).gateway();

        assertThat(gateway).isEqualTo(new GatewayConfig("pbx.example.org",
                List.of("10.0.0.5", "192.168.10.0/24", "2001:db8::/32", "::1", "0.0.0.0/0"), List.of(),
                Duration.ofSeconds(30),
                new GatewayConfig.AuthFailures(3, Duration.ofMinutes(2), Duration.ofHours(1))));
    }

    @Test
    void trusted_peers_are_address_literals_or_cidr_blocks_never_host_names() {
        for (String bad : new String[] {"localhost", "sip.example.com", "10.0.0", "10.0.0.256", "010.0.0.1",
                "fe80::zz", "abc:def", "fe80::1%eth0", "[::1]"}) {
            rejections.rejects("gateway: {trusted-peers: ['" + bad + "']}\n", "gateway.trusted-peers[0]")
                    .as(bad).hasMessageContaining("host names are not allowed");
        }
    }

    @Test
    void cidr_prefix_length_fits_the_address_family() {
        rejections.rejects("gateway: {trusted-peers: [10.0.0.0/33]}\n", "gateway.trusted-peers[0]")
                .hasMessageContaining("0 to 32");
        rejections.rejects("gateway: {trusted-peers: ['2001:db8::/129']}\n", "gateway.trusted-peers[0]")
                .hasMessageContaining("0 to 128");
        rejections.rejects("gateway: {trusted-peers: [10.0.0.0/]}\n", "gateway.trusted-peers[0]");
        rejections.rejects("gateway: {trusted-peers: [10.0.0.0/x]}\n", "gateway.trusted-peers[0]");
        rejections.rejects("gateway: {trusted-peers: [10.0.0.0/8/8]}\n", "gateway.trusted-peers[0]");
        assertThat(files.load("gateway: {trusted-peers: ['2001:db8::/128', 10.0.0.0/32]}\n").gateway().trustedPeers())
                .hasSize(2);
    }

    @Test
    void nonce_lifetime_is_between_10s_and_1h() {
        rejections.rejects("gateway: {nonce-lifetime: 9s}\n", "gateway.nonce-lifetime").hasMessageContaining("10s to 1h");
        rejections.rejects("gateway: {nonce-lifetime: 61m}\n", "gateway.nonce-lifetime");
        assertThat(files.load("gateway: {nonce-lifetime: 10s}\n").gateway().nonceLifetime()).hasSeconds(10);
        assertThat(files.load("gateway: {nonce-lifetime: 1h}\n").gateway().nonceLifetime()).hasHours(1);
    }

    @Test
    void auth_failures_need_at_least_one_failure_and_positive_durations() {
        rejections.rejects("gateway: {auth-failures: {max-failures: 0}}\n", "gateway.auth-failures.max-failures");
        rejections.rejects("gateway: {auth-failures: {window: 0s}}\n", "gateway.auth-failures.window");
        rejections.rejects("gateway: {auth-failures: {block-for: 0s}}\n", "gateway.auth-failures.block-for");
    }

    @Test
    void realm_is_not_blank_and_has_no_quotes() {
        rejections.rejects("gateway: {realm: ''}\n", "gateway.realm");
        rejections.rejects("gateway: {realm: 'a\"b'}\n", "gateway.realm");
    }

    private static String rate(String prefix, String trunk, String price, String currency) {
        return "{prefix: " + prefix + ", trunk: " + trunk + ", price-per-minute: '" + price + "', currency: '"
                + currency + "'}\n";
    }

    private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> rejects(String rateLine, String key) {
        return rejections.rejects(TRUNKS + "rates:\n  - " + rateLine, key);
    }

    @Test
    void trusted_certificates_must_be_readable_files_named_by_their_key(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path pem = java.nio.file.Files.writeString(dir.resolve("gateway.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertThat(files.load("gateway:\n  trusted-certificates: [" + pem + "]\n").gateway().trustedCertificates())
                .containsExactly(pem);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.load(
                        "gateway:\n  trusted-certificates: [" + dir.resolve("missing.pem") + "]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gateway.trusted-certificates[0]");
    }
}
