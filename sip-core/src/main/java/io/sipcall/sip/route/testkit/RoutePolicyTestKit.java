package io.sipcall.sip.route.testkit;

import io.sipcall.config.RateConfig;
import io.sipcall.config.RouteConfig;
import io.sipcall.sip.port.RoutePolicy;
import java.math.BigDecimal;
import java.util.List;

/**
 * The test kit's entry points; import them statically.
 *
 * <pre>{@code
 * import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.*;
 *
 * RoutePolicy policy = routing()
 *         .trunk("telnyx", trunk("sip.telnyx.com").callerId("+15550100"))
 *         .route("", "telnyx")
 *         .policy();
 *
 * call("030 1234567").from(user("alice").country("DE").callerId("+4930999"))
 *         .through(policy)
 *         .assertRoutedTo("telnyx").withNumber("+49301234567").withCallerId("+4930999");
 * }</pre>
 */
public final class RoutePolicyTestKit {

    private RoutePolicyTestKit() {
    }

    /** A call to {@code dialled}, written as the caller dialled it. */
    public static CallBuilder call(String dialled) {
        return CallBuilder.dialling(dialled);
    }

    /** A user with this id (the Nextcloud user id); see {@link UserBuilder} for the defaults. */
    public static UserBuilder user(String id) {
        return UserBuilder.named(id);
    }

    /** A trunk at {@code host}; see {@link TrunkBuilder} for the defaults. */
    public static TrunkBuilder trunk(String host) {
        return TrunkBuilder.at(host);
    }

    /** An empty routing configuration to add trunks, routes and rates to. */
    public static RoutingBuilder routing() {
        return RoutingBuilder.empty();
    }

    /** SIPCall's default {@code toll-fraud} section, to change for a test. */
    public static TollFraudBuilder tollFraud() {
        return TollFraudBuilder.defaults();
    }

    /**
     * {@code policy} behind the toll-fraud guard with its defaults (default country US, USD), with a
     * ledger and a {@link TestClock}; configure it with {@link GuardedPolicy#with} and friends.
     */
    public static GuardedPolicy guarded(RoutePolicy policy) {
        return GuardedPolicy.around(policy);
    }

    /** A {@code routes} row. */
    public static RouteConfig route(String prefix, String... trunks) {
        return new RouteConfig(prefix, List.of(trunks));
    }

    /** A {@code rates} row. */
    public static RateConfig rate(String prefix, String trunk, String pricePerMinute, String currency) {
        return new RateConfig(prefix, trunk, new BigDecimal(pricePerMinute), currency);
    }
}
