package io.sipcall.sip.route;

import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.call;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.guarded;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.routing;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.tollFraud;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.trunk;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.sipcall.config.ConfigLoader;
import io.sipcall.config.RoutingConfig;
import io.sipcall.config.SipCallConfig;
import io.sipcall.config.UserConfig.Role;
import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RouteRequest;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.route.testkit.GuardedPolicy;
import io.sipcall.sip.route.testkit.TestClock;
import io.sipcall.sip.route.testkit.UserBuilder;
import io.sipcall.sip.testing.CapturedLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every toll-fraud rule, with numbers libphonenumber 9.0.19 really types as premium rate, shared cost
 * and so on (checked: a metadata change that retypes one fails here first).
 */
class TollFraudGuardTest {

    private static final RoutePolicy TELNYX = routing().trunk("telnyx", trunk("sip.telnyx.com")).route("", "telnyx")
            .defaultCountry("DE").policy();
    private static final UserBuilder ALICE = user("alice").country("DE");

    private final GuardedPolicy guarded = guarded(TELNYX).defaultCountry("DE");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "+49 900 1 234567     | Forbidden: premium-rate numbers are blocked",
        "0900 1 234567        | Forbidden: premium-rate numbers are blocked",
        "+44 909 879 0000     | Forbidden: premium-rate numbers are blocked",
        "+1 900 555 0123      | Forbidden: premium-rate numbers are blocked",
        "+979 123456789       | Forbidden: premium-rate numbers are blocked",
        "+33 8 10 12 34 56    | Forbidden: shared-cost numbers are blocked",
        "+49 180 1 234567     | Forbidden: shared-cost numbers are blocked",
        "+34 901 123 456      | Forbidden: shared-cost numbers are blocked",
        "+808 1234 5678       | Forbidden: shared-cost numbers are blocked",
        "+881 6 123 45678     | Forbidden: satellite numbers are blocked",
        "+870 301 234 567     | Forbidden: satellite numbers are blocked",
        "+882 16 1234 5678    | Forbidden: international network numbers are blocked",
        "+882 342 1234        | Forbidden: international network numbers are blocked",
        "+883 510 012345      | Forbidden: international network numbers are blocked",
    })
    void the_default_rules_refuse_premium_rate_shared_cost_and_satellite_numbers(String dialled, String reason) {
        call(dialled).from(ALICE).through(guarded).assertRejected(403).withReason(reason);
    }

    @Test
    void ordinary_numbers_pass_to_the_inner_policy() {
        call("030 1234567").from(ALICE).through(guarded).assertRoutedTo("telnyx").withNumber("+49301234567");
        call("+1 800 555 0123").from(ALICE).through(guarded).assertRoutedTo("telnyx");
        call("+44 20 7946 0018").from(ALICE).through(guarded).assertRoutedTo("telnyx");
    }

    @Test
    void each_type_rule_can_be_switched_off() {
        GuardedPolicy open = guarded.with(tollFraud().allowPremiumRate().allowSharedCost().allowSatellite());

        call("+49 900 1 234567").from(ALICE).through(open).assertRoutedTo("telnyx");
        call("+33 8 10 12 34 56").from(ALICE).through(open).assertRoutedTo("telnyx");
        call("+808 1234 5678").from(ALICE).through(open).assertRoutedTo("telnyx");
        call("+881 6 123 45678").from(ALICE).through(open).assertRoutedTo("telnyx");
    }

    @Test
    void a_denied_country_is_refused_by_name() {
        GuardedPolicy noCuba = guarded.with(tollFraud().denyCountries("CU"));

        call("+53 7 1234567").from(ALICE).through(noCuba).assertRejected(403)
                .withReason("Forbidden: destination country CU is blocked");
        call("+49 30 1234567").from(ALICE).through(noCuba).assertRoutedTo("telnyx");
    }

    @Test
    void with_allowed_countries_only_those_pass_and_caribbean_plus_one_is_not_the_us() {
        GuardedPolicy northAmerica = guarded.with(tollFraud().allowCountries("US", "CA"));

        call("+1 212 555 0123").from(ALICE).through(northAmerica).assertRoutedTo("telnyx");
        call("+1 876 234 5678").from(ALICE).through(northAmerica).assertRejected(403)
                .withReason("Forbidden: destination country JM is not allowed");
        call("+49 30 1234567").from(ALICE).through(northAmerica).assertRejected(403)
                .withReason("Forbidden: destination country DE is not allowed");
        call("+800 1234 5678").from(ALICE).through(northAmerica).assertRejected(403)
                .withReason("Forbidden: destination international service +800 is not allowed");
    }

    @Test
    void a_denied_prefix_is_refused_naming_the_prefix_before_any_other_rule() {
        GuardedPolicy noBerlin = guarded.with(tollFraud().denyPrefixes("+4930", "4990"));

        call("030 1234567").from(ALICE).through(noBerlin).assertRejected(403).withReason("Forbidden: prefix +4930 is blocked");
        call("+49 900 1 234567").from(ALICE).through(noBerlin).assertRejected(403).withReason("Forbidden: prefix +4990 is blocked");
        call("+49 89 1234567").from(ALICE).through(noBerlin).assertRoutedTo("telnyx");
    }

    @Test
    void a_users_allowed_prefixes_exempt_their_numbers_from_the_destination_rules() {
        GuardedPolicy strict = guarded.with(tollFraud().denyCountries("CU").denyPrefixes("+4930"));
        UserBuilder withFamilyInCuba = ALICE.allowedPrefixes("+53", "+4930");

        call("+53 7 1234567").from(withFamilyInCuba).through(strict).assertRoutedTo("telnyx");
        call("030 1234567").from(withFamilyInCuba).through(strict).assertRoutedTo("telnyx");
        call("+53 7 1234567").from(ALICE).through(strict).assertRejected(403);
    }

    @Test
    void a_roles_allowlist_exempts_users_of_that_role_only() {
        GuardedPolicy ships = guarded.with(tollFraud().roleAllowlist(Role.ADMIN, "+881", "+870"));

        call("+881 6 123 45678").from(ALICE.admin()).through(ships).assertRoutedTo("telnyx");
        call("+870 301 234 567").from(ALICE.admin()).through(ships).assertRoutedTo("telnyx");
        call("+881 6 123 45678").from(ALICE).through(ships).assertRejected(403)
                .withReason("Forbidden: satellite numbers are blocked");
        call("+882 16 1234 5678").from(ALICE.admin()).through(ships).assertRejected(403);
    }

    @Test
    void a_user_at_the_concurrent_call_limit_is_refused_counting_the_call_being_routed() {
        GuardedPolicy busy = guarded.callsInProgress("alice", 1);
        call("030 1234567").from(ALICE.maxConcurrentCalls(2)).through(busy).assertRoutedTo("telnyx");

        busy.callsInProgress("alice", 1);
        call("030 1234567").from(ALICE.maxConcurrentCalls(2)).through(busy).assertRejected(403)
                .withReason("Forbidden: user alice has 2 calls in progress (max 2)");
        call("030 1234567").from(user("bob").country("DE")).through(busy).assertRoutedTo("telnyx");
    }

    @Test
    void allow_lists_do_not_exempt_from_the_limits() {
        GuardedPolicy busy = guarded.with(tollFraud().denyCountries("CU")).callsInProgress("alice", 2);

        call("+53 7 1234567").from(ALICE.allowedPrefixes("+53")).through(busy).assertRejected(403)
                .withReason("Forbidden: user alice has 2 calls in progress (max 2)");
    }

    @Test
    void a_user_who_spent_the_daily_cap_is_refused_until_the_next_utc_day() {
        GuardedPolicy spending = guarded.answeredCall("alice", "0.50", Duration.ofMinutes(9));
        UserBuilder capped = ALICE.dailySpendCap("5");

        call("030 1234567").from(capped).through(spending).assertRoutedTo("telnyx");
        spending.answeredCall("alice", "0.50", Duration.ofMinutes(1));
        call("030 1234567").from(capped).through(spending).assertRejected(403)
                .withReason("Forbidden: daily spend cap of 5.00 USD reached");
        call("030 1234567").from(ALICE).through(spending).assertRoutedTo("telnyx");

        spending.clock().set(Instant.parse("2026-06-02T00:00:00Z"));
        call("030 1234567").from(capped).through(spending).assertRoutedTo("telnyx");
    }

    @Test
    void the_spend_cap_is_shown_in_the_rates_currency() {
        GuardedPolicy inEuro = guarded.currency("EUR").answeredCall("alice", "1.20", Duration.ofMinutes(5));

        call("030 1234567").from(ALICE.dailySpendCap("6")).through(inEuro).assertRejected(403)
                .withReason("Forbidden: daily spend cap of 6.00 EUR reached");
    }

    @Test
    void when_disabled_the_destination_rules_are_off_but_the_users_limits_stay() {
        GuardedPolicy off = guarded.with(tollFraud().disabled().denyCountries("CU")).callsInProgress("alice", 2);

        call("+49 900 1 234567").from(user("bob").country("DE")).through(off).assertRoutedTo("telnyx");
        call("+53 7 1234567").from(user("bob").country("DE")).through(off).assertRoutedTo("telnyx");
        call("030 1234567").from(ALICE).through(off).assertRejected(403)
                .withReason("Forbidden: user alice has 2 calls in progress (max 2)");
    }

    @Test
    void calls_without_a_user_have_no_limits_but_the_destination_rules_apply() {
        call("030 1234567").through(guarded).assertRoutedTo("telnyx");
        call("0900 1 234567").through(guarded).assertRejected(403);
    }

    @Test
    void a_number_the_guard_cannot_read_is_refused_with_484_before_any_policy_sees_it() {
        AtomicInteger asked = new AtomicInteger();
        GuardedPolicy custom = guarded(request -> {
            asked.incrementAndGet();
            return TELNYX.route(request);
        }).defaultCountry("DE");

        call("*100#").from(ALICE).through(custom).assertRejected(484).withReason("Address Incomplete: not a phone number");
        call("112").from(ALICE).through(custom).assertRejected(484).withReasonContaining("emergency number 112");
        call("+49 900 1 234567").from(ALICE).through(custom).assertRejected(403);
        assertThat(asked).hasValue(0);

        call("030 1234567").from(ALICE).through(custom).assertRoutedTo("telnyx");
        assertThat(asked).hasValue(1);
    }

    @Test
    void a_custom_policy_is_guarded_the_same_way() {
        RoutePolicy premiumLover = request -> TELNYX.route(request);

        call("+44 909 879 0000").from(ALICE).through(guarded(premiumLover)).assertRejected(403)
                .withReason("Forbidden: premium-rate numbers are blocked");
    }

    @Test
    void each_refusal_is_one_warn_line_naming_the_rule_with_the_number_masked() {
        try (CapturedLog log = CapturedLog.capture(TollFraudGuard.class, Level.INFO)) {
            call("+49 900 1 234567").from(ALICE).through(guarded).assertRejected(403);

            assertThat(log.events()).hasSize(1);
            ILoggingEvent line = log.events().get(0);
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage())
                    .isEqualTo("toll-fraud guard: refused call of alice to +49********67 by toll-fraud.deny-premium-rate: "
                            + "Forbidden: premium-rate numbers are blocked")
                    .doesNotContain("9001234567");
        }
    }

    @Test
    void a_limit_refusal_names_the_users_setting() {
        try (CapturedLog log = CapturedLog.capture(TollFraudGuard.class, Level.INFO)) {
            guarded.callsInProgress("alice", 2);
            call("030 1234567").from(ALICE).through(guarded).assertRejected(403);

            assertThat(log.messages()).singleElement().asString()
                    .contains("by users.alice.max-concurrent-calls")
                    .contains("+49*******67");
        }
    }

    @Test
    void the_guard_of_a_configuration_reads_its_toll_fraud_section_and_counts_with_the_b2buas_ledger() {
        SipCallConfig defaults = ConfigLoader.load(Optional.empty(), Map.of());
        SipCallConfig config = new SipCallConfig(defaults.dataDir(), defaults.sip(), defaults.trunks(), defaults.routes(),
                defaults.media(), Map.of(), defaults.gateway(), List.of(),
                tollFraud().denyCountries("CU").build(), new RoutingConfig("DE"), defaults.database(),
                defaults.encryption(), defaults.retention());
        UsageLedger ledger = UsageLedger.forRates(config.rates(), TestClock.at(GuardedPolicy.START));
        RoutePolicy guard = TollFraudGuard.around(TELNYX, config, ledger);

        call("+53 7 1234567").through(guard).assertRejected(403).withReason("Forbidden: destination country CU is blocked");
        call("0900 1 234567").through(guard).assertRejected(403).withReason("Forbidden: premium-rate numbers are blocked");

        RouteRequest third = call("030 1234567").from(ALICE.maxConcurrentCalls(1)).request();
        ledger.onStarted(CallId.random(), new CallEventSink.CallStart("alice", "030 1234567", "TLS", Optional.of("alice")));
        ledger.onStarted(third.callId(), new CallEventSink.CallStart("alice", "030 1234567", "TLS", Optional.of("alice")));
        assertThat(guard.route(third)).isEqualTo(
                new RouteDecision.Reject(403, "Forbidden: user alice has 1 call in progress (max 1)"));
    }

    @Test
    void a_bad_country_or_prefix_in_the_toll_fraud_section_is_refused_at_start_naming_the_key() {
        assertThatThrownBy(() -> guarded.with(tollFraud().denyCountries("Cuba")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("toll-fraud.denied-countries");
        assertThatThrownBy(() -> guarded.with(tollFraud().denyPrefixes("+49", "0049")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("toll-fraud.denied-prefixes[1]");
        assertThatThrownBy(() -> guarded.with(tollFraud().roleAllowlist(Role.ADMIN, "+88x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("toll-fraud.role-allowlists.admin[0]");
    }
}
