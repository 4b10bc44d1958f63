package io.sipcall.sip.route.testkit;

import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.call;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.routing;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.trunk;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.config.Transport;
import io.sipcall.config.UserConfig;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.port.RouteRequest;
import org.junit.jupiter.api.Test;

/** The kit's own behaviour: what it builds, and that its failures say what went wrong. */
class RoutePolicyTestKitTest {

    private final RoutePolicy policy = routing()
            .trunk("telnyx", trunk("sip.telnyx.com"))
            .trunk("backup", trunk("backup.example.net"))
            .route("", "telnyx", "backup")
            .policy();

    @Test
    void a_test_call_carries_the_dialled_number_and_the_user() {
        RouteRequest request = call("030 1234567").from(user("alice").country("DE").callerId("+4930999").admin())
                .request();

        assertThat(request.dialled()).isEqualTo("030 1234567");
        assertThat(request.caller()).isEqualTo("alice");
        assertThat(request.user()).hasValueSatisfying(user -> {
            assertThat(user.id()).isEqualTo("alice");
            assertThat(user.config().defaultCountry()).isEqualTo("DE");
            assertThat(user.config().callerId()).contains("+4930999");
            assertThat(user.config().role()).isEqualTo(UserConfig.Role.ADMIN);
        });
        assertThat(call("1").request().user()).isEmpty();
    }

    @Test
    void builders_are_immutable() {
        UserBuilder alice = user("alice");
        alice.country("DE");
        TrunkBuilder telnyx = trunk("sip.telnyx.com");
        telnyx.port(5080);

        assertThat(alice.country()).isEmpty();
        assertThat(telnyx.build().effectivePort()).isEqualTo(5060);
        assertThat(telnyx.transport(Transport.TLS).build().effectivePort()).isEqualTo(5061);
    }

    @Test
    void expecting_a_route_when_the_call_was_rejected_says_how_it_was_rejected() {
        assertThatThrownBy(() -> call("030").from(user("alice").country("DE")).through(policy).assertRoutedTo("telnyx"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("call to \"030\" from alice: expected it routed to telnyx but it was rejected: "
                        + "484 Address Incomplete: too short for DE");
    }

    @Test
    void a_wrong_number_names_the_target_and_both_values() {
        assertThatThrownBy(() -> call("+49 30 1234567").through(policy).assertRoutedTo("telnyx").withNumber("49301234567"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("call to \"+49 30 1234567\" from (no user): expected target 1 of 2 to have number "
                        + "\"49301234567\" but was \"+49301234567\"");
    }

    @Test
    void a_wrong_trunk_a_missing_failover_and_a_wrong_order_are_failures() {
        DecisionAssert routed = call("+49 30 1234567").through(policy);

        assertThatThrownBy(() -> routed.assertRoutedTo("backup")).hasMessageContaining("trunk \"backup\" but was \"telnyx\"");
        assertThatThrownBy(() -> routed.assertRoutedTo("telnyx").thenFailoverTo("backup").thenFailoverTo("third"))
                .hasMessageContaining("backup is the last target");
        assertThatThrownBy(() -> routed.assertRoutedTo("telnyx").withNoFailover())
                .hasMessageContaining("expected no failover after telnyx but backup");
        assertThatThrownBy(() -> routed.assertTrunkOrder("backup", "telnyx"))
                .hasMessageContaining("expected trunks in order [backup, telnyx] but was [telnyx, backup]");
    }

    @Test
    void expecting_a_rejection_when_the_call_was_routed_shows_the_targets() {
        assertThatThrownBy(() -> call("+49 30 1234567").through(policy).assertRejected(403))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected it rejected with 403 but it was routed to [telnyx +49301234567@sip.telnyx.com:5060;udp");
    }

    @Test
    void a_wrong_status_or_reason_is_a_failure() {
        DecisionAssert rejected = call("030").from(user("alice").country("DE")).through(policy);

        assertThatThrownBy(() -> rejected.assertRejected(404)).hasMessageContaining("expected it rejected with 404");
        assertThatThrownBy(() -> rejected.assertRejected(484).withReasonContaining("too long"))
                .hasMessage("call to \"030\" from alice: expected reason containing \"too long\" but the reason of the 484 "
                        + "was \"Address Incomplete: too short for DE\"");
        rejected.assertRejected(484).withReasonContaining("too short").withReason("Address Incomplete: too short for DE");
    }

    @Test
    void a_policy_that_returns_null_is_a_failure_not_a_null_pointer() {
        assertThatThrownBy(() -> call("+49 30 1234567").through(request -> null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the policy returned null");
    }

    @Test
    void any_policy_can_be_tested_not_only_the_default() {
        RoutePolicy everythingToOneBox = request -> RouteDecision.Route.to(
                new RouteDecision.Target("box", "192.0.2.9", 5060, Transport.UDP, request.dialled()));

        call("anything").through(everythingToOneBox).assertRoutedTo("box").withNumber("anything").unrated().withoutCallerId();
    }
}
