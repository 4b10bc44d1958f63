package io.sipcall.sip.route.example;

import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.call;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.guarded;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.routing;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.trunk;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.user;

import io.sipcall.config.Transport;
import io.sipcall.config.TrunkConfig.NumberFormat;
import io.sipcall.sip.route.testkit.TestClock;
import io.sipcall.sip.route.testkit.UserBuilder;
import org.junit.jupiter.api.Test;

class CountrySplitPolicyTest {

    private final TestClock clock = TestClock.at("2026-06-03T08:30:00Z"); // a Wednesday, 10:30 in Berlin
    private final CountrySplitPolicy policy = new CountrySplitPolicy(routing()
            .trunk("sipgate", trunk("sipconnect.sipgate.de").numberFormat(NumberFormat.NATIONAL))
            .trunk("telnyx", trunk("sip.telnyx.com").transport(Transport.TLS))
            .trunks(), clock);
    private final UserBuilder alice = user("alice").country("DE").callerId("+4930901820");

    @Test
    void german_numbers_go_to_the_cheap_trunk_in_business_hours_with_telnyx_as_failover() {
        call("030 1234567").from(alice).through(policy)
                .assertRoutedTo("sipgate").withNumber("0301234567").withCallerId("+4930901820")
                .thenFailoverTo("telnyx").withNumber("+49301234567").withPort(5061);
    }

    @Test
    void after_hours_and_at_weekends_german_numbers_go_to_telnyx() {
        clock.set(java.time.Instant.parse("2026-06-03T16:00:00Z")); // 18:00 in Berlin: closed
        call("030 1234567").from(alice).through(policy).assertRoutedTo("telnyx").withNoFailover();

        clock.set(java.time.Instant.parse("2026-06-06T08:30:00Z")); // Saturday
        call("030 1234567").from(alice).through(policy).assertRoutedTo("telnyx").withNoFailover();
    }

    @Test
    void admins_always_get_telnyx() {
        call("030 1234567").from(alice.admin()).through(policy).assertRoutedTo("telnyx").withNoFailover();
    }

    @Test
    void other_countries_go_to_telnyx_in_e164() {
        call("00 44 20 7946 0018").from(alice).through(policy)
                .assertRoutedTo("telnyx").withNumber("+442079460018").withNoFailover();
    }

    @Test
    void incomplete_numbers_are_refused_with_484() {
        call("030").from(alice).through(policy).assertRejected(484).withReason("Address Incomplete: too short for DE");
    }

    @Test
    void behind_the_toll_fraud_guard_premium_numbers_never_reach_the_policy() {
        call("0900 1 234567").from(alice).through(guarded(policy).defaultCountry("DE"))
                .assertRejected(403).withReason("Forbidden: premium-rate numbers are blocked");
    }
}
