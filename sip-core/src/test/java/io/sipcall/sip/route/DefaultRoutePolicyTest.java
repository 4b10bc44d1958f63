package io.sipcall.sip.route;

import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.call;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.rate;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.route;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.routing;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.trunk;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.user;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.config.ConfigLoader;
import io.sipcall.config.RoutingConfig;
import io.sipcall.config.SipCallConfig;
import io.sipcall.config.Transport;
import io.sipcall.config.TrunkConfig.NumberFormat;
import io.sipcall.config.UserConfig;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.route.testkit.RoutingBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultRoutePolicyTest {

    /** Telnyx for everything, VoIP.ms (E.164 without +) also for North America. */
    private static final RoutingBuilder TWO_TRUNKS = routing()
            .trunk("telnyx", trunk("sip.telnyx.com").transport(Transport.TLS).callerId("+15550100"))
            .trunk("voipms", trunk("chicago.voip.ms").port(5080).numberFormat(NumberFormat.E164))
            .route("+1", "voipms", "telnyx")
            .route("", "telnyx");

    private final RoutePolicy policy = TWO_TRUNKS.policy();

    @Test
    void a_german_user_dialling_a_national_number_reaches_telnyx_in_e164_with_plus() {
        call("030 1234567").from(user("alice").country("DE").callerId("+4930999"))
                .through(policy)
                .assertRoutedTo("telnyx").withNumber("+49301234567").withCallerId("+4930999")
                .withHost("sip.telnyx.com").withPort(5061).withTransport(Transport.TLS)
                .withNoFailover();
    }

    @Test
    void the_same_number_in_international_form_with_spaces_and_dashes_routes_the_same() {
        call("+49 30-123-4567").from(user("bob").country("US"))
                .through(policy)
                .assertRoutedTo("telnyx").withNumber("+49301234567");
    }

    @Test
    void a_us_number_goes_to_voipms_as_eleven_digits_then_fails_over_to_telnyx_with_plus() {
        call("(212) 555-0123").from(user("bob").country("US"))
                .through(policy)
                .assertRoutedTo("voipms").withNumber("12125550123").withHost("chicago.voip.ms").withPort(5080)
                .thenFailoverTo("telnyx").withNumber("+12125550123").withNoFailover();
    }

    @Test
    void british_and_french_numbers_are_read_in_every_common_form() {
        for (String dialled : List.of("+44 20 7946 0018", "0044 20 7946 0018", "00 44 (0)20 7946 0018")) {
            call(dialled).from(user("alice").country("DE")).through(policy)
                    .assertRoutedTo("telnyx").withNumber("+442079460018");
        }
        call("020 7946 0018").from(user("harry").country("GB")).through(policy)
                .assertRoutedTo("telnyx").withNumber("+442079460018");
        call("011 44 20 7946 0018").from(user("bob").country("US")).through(policy)
                .assertRoutedTo("telnyx").withNumber("+442079460018");
        call("01 23 45 67 89").from(user("amelie").country("FR")).through(policy)
                .assertRoutedTo("telnyx").withNumber("+33123456789");
        call("00 33 1 23 45 67 89").from(user("alice").country("DE")).through(policy)
                .assertRoutedTo("telnyx").withNumber("+33123456789");
    }

    @Test
    void a_call_without_a_user_is_read_in_the_default_country() {
        RoutePolicy german = TWO_TRUNKS.defaultCountry("DE").policy();

        call("030 1234567").through(german).assertRoutedTo("telnyx").withNumber("+49301234567");
        call("(212) 555-0123").through(policy).assertRoutedTo("voipms").withNumber("12125550123");
    }

    @Test
    void a_national_trunk_gets_the_national_number_behind_its_tech_prefix() {
        RoutePolicy policy = routing()
                .trunk("dt", trunk("sip.example.de").numberFormat(NumberFormat.NATIONAL).techPrefix("0190"))
                .route("", "dt")
                .defaultCountry("DE")
                .policy();

        call("+49 30 1234567").through(policy).assertRoutedTo("dt").withNumber("01900301234567");
        call("+44 20 7946 0018").through(policy).assertRoutedTo("dt").withNumber("019000442079460018");
    }

    @Test
    void a_tech_prefix_goes_in_front_of_an_e164_number_too() {
        RoutePolicy policy = routing()
                .trunk("carrier", trunk("sip.example.net").numberFormat(NumberFormat.E164).techPrefix("1234#"))
                .route("", "carrier")
                .policy();

        call("+33 1 23 45 67 89").through(policy).assertRoutedTo("carrier").withNumber("1234#33123456789");
    }

    @Test
    void caller_id_is_the_users_else_the_trunks_else_none() {
        RoutePolicy policy = routing()
                .trunk("telnyx", trunk("sip.telnyx.com").callerId("+15550100"))
                .trunk("bare", trunk("sip.example.net"))
                .route("+1", "telnyx")
                .route("+49", "bare")
                .policy();

        call("+1 212 555 0123").from(user("carol").callerId("+12025550199")).through(policy)
                .assertRoutedTo("telnyx").withCallerId("+12025550199");
        call("+1 212 555 0123").from(user("dave")).through(policy)
                .assertRoutedTo("telnyx").withCallerId("+15550100");
        call("+49 30 1234567").from(user("dave")).through(policy)
                .assertRoutedTo("bare").withoutCallerId();
    }

    @Test
    void the_longest_route_prefix_wins_and_a_prefix_without_plus_is_e164() {
        RoutePolicy policy = routing()
                .trunk("a", trunk("a.example.net"))
                .trunk("b", trunk("b.example.net"))
                .trunk("c", trunk("c.example.net"))
                .route("", "a")
                .route("49", "b")
                .route("+4930", "c")
                .policy();

        call("+49 30 1234567").through(policy).assertRoutedTo("c");
        call("+49 89 1234567").through(policy).assertRoutedTo("b");
        call("+44 20 7946 0018").through(policy).assertRoutedTo("a");
    }

    @Test
    void a_number_no_route_covers_is_404_no_route() {
        RoutePolicy policy = routing().trunk("voipms", trunk("chicago.voip.ms")).route("+1", "voipms").policy();

        call("+49 30 1234567").through(policy).assertRejected(404).withReason("No Route");
    }

    @Test
    void a_route_with_no_trunks_blocks_its_prefix_with_404() {
        RoutePolicy policy = routing()
                .trunk("telnyx", trunk("sip.telnyx.com"))
                .route("", "telnyx")
                .route("+44")
                .policy();

        call("+44 20 7946 0018").through(policy).assertRejected(404).withReason("No Route");
        call("+49 30 1234567").through(policy).assertRoutedTo("telnyx");
    }

    @ParameterizedTest(name = "\"{0}\" is 484")
    @ValueSource(strings = {"abc", "", "+", "123456789012345678", "0", "030", "*21#", "911"})
    void junk_is_refused_with_484_address_incomplete(String dialled) {
        call(dialled).from(user("alice").country("DE")).through(policy)
                .assertRejected(484).withReasonContaining("Address Incomplete: ");
    }

    @Test
    void an_incomplete_number_says_why() {
        call("030").from(user("alice").country("DE")).through(policy)
                .assertRejected(484).withReason("Address Incomplete: too short for DE");
        call("").from(user("alice")).through(policy)
                .assertRejected(484).withReason("Address Incomplete: empty");
    }

    @Test
    void the_cheapest_trunk_for_the_destination_comes_first() {
        RoutePolicy policy = TWO_TRUNKS
                .rate("+1", "voipms", "0.0085")
                .rate("+1", "telnyx", "0.0100")
                .rate("+1212", "telnyx", "0.0050")
                .policy();

        call("+1 202 555 0199").through(policy)
                .assertRoutedTo("voipms").withPricePerMinute("0.0085")
                .thenFailoverTo("telnyx").withPricePerMinute("0.01");
        call("+1 212 555 0123").through(policy)
                .assertRoutedTo("telnyx").withPricePerMinute("0.0050")
                .thenFailoverTo("voipms").withPricePerMinute("0.0085");
    }

    @Test
    void unrated_trunks_come_after_rated_ones_whatever_their_priority() {
        RoutePolicy policy = routing()
                .trunk("unrated", trunk("u.example.net").priority(-5))
                .trunk("rated", trunk("r.example.net").priority(10))
                .route("", "unrated", "rated")
                .rate("+49", "rated", "0.20")
                .policy();

        call("+49 30 1234567").through(policy)
                .assertRoutedTo("rated").withPricePerMinute("0.20")
                .thenFailoverTo("unrated").unrated();
    }

    @Test
    void equal_rates_go_by_priority_then_by_route_order() {
        RoutePolicy policy = routing()
                .trunk("first", trunk("1.example.net").priority(5))
                .trunk("second", trunk("2.example.net").priority(5))
                .trunk("preferred", trunk("3.example.net").priority(1))
                .route("", "first", "second", "preferred")
                .rate("+33", "first", "0.010")
                .rate("+33", "second", "0.01")
                .rate("+33", "preferred", "0.0100")
                .policy();

        call("+33 1 23 45 67 89").through(policy).assertTrunkOrder("preferred", "first", "second");
        call("+49 30 1234567").through(policy).assertTrunkOrder("preferred", "first", "second");
    }

    @Test
    void a_trunk_the_configuration_does_not_define_is_refused_at_start_naming_the_key() {
        assertThatThrownBy(() -> TWO_TRUNKS.route("+44", "nowhere").policy())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routes[2].trunks: unknown trunk \"nowhere\"");
        assertThatThrownBy(() -> TWO_TRUNKS.rate("+1", "nowhere", "0.01").policy())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rates[0].trunk: unknown trunk \"nowhere\"");
    }

    @Test
    void rates_in_two_currencies_are_refused_at_start() {
        assertThatThrownBy(() -> new DefaultRoutePolicy(TWO_TRUNKS.routes(), TWO_TRUNKS.trunks(),
                List.of(rate("+1", "voipms", "0.01", "USD"), rate("+1", "telnyx", "0.01", "EUR")), TWO_TRUNKS.numbers()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rates[1].currency");
    }

    @Test
    void the_policy_of_a_whole_configuration_reads_routes_trunks_rates_and_the_default_country() {
        SipCallConfig config = configWith(new RoutingConfig("DE"), Map.of());
        RoutePolicy policy = new DefaultRoutePolicy(config);

        call("030 1234567").through(policy).assertRoutedTo("voipms").withNumber("49301234567").withPricePerMinute("0.01")
                .thenFailoverTo("telnyx");
    }

    @Test
    void a_user_country_libphonenumber_does_not_know_is_refused_at_start() {
        UserConfig user = new UserConfig("", UserConfig.Role.USER, "Germany", Optional.empty(), Optional.empty(), 2,
                Optional.empty(), List.of());
        SipCallConfig config = configWith(new RoutingConfig("US"), Map.of("alice", user));

        assertThatThrownBy(() -> new DefaultRoutePolicy(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users.alice.default-country");
    }

    private static SipCallConfig configWith(RoutingConfig routing, Map<String, UserConfig> users) {
        SipCallConfig defaults = ConfigLoader.load(Optional.empty(), Map.of());
        return new SipCallConfig(defaults.dataDir(), defaults.sip(), TWO_TRUNKS.trunks(), List.of(route("", "telnyx", "voipms")),
                defaults.media(), users, defaults.gateway(), List.of(rate("+49", "voipms", "0.01", "USD")),
                defaults.tollFraud(), routing, defaults.database(), defaults.encryption(), defaults.retention());
    }
}
