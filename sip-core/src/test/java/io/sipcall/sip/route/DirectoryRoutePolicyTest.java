package io.sipcall.sip.route;

import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.call;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.rate;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.route;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.trunk;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.config.RateConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.directory.ConfigDirectory;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.RoutePolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DirectoryRoutePolicyTest {

    private static final TrunkConfig TELNYX = trunk("sip.telnyx.com").build();
    private static final TrunkConfig VOIPMS = trunk("chicago.voip.ms").numberFormat(TrunkConfig.NumberFormat.E164)
            .build();

    /** A directory whose content a test replaces, as the database directory does on a refresh. */
    private final ChangingDirectory directory = new ChangingDirectory(Map.of("telnyx", TELNYX), List.of());

    /** North America to VoIP.ms then Telnyx, everything else to Telnyx. */
    private final DirectoryRoutePolicy policy = new DirectoryRoutePolicy(
            List.of(route("+1", "voipms", "telnyx"), route("", "telnyx")), directory, new NumberNormaliser("US"));

    @Test
    void a_trunk_and_rate_added_to_the_directory_route_without_a_new_policy() {
        call("+1 212 555 0123").through(policy).assertRoutedTo("telnyx").withNoFailover();

        directory.addTrunk("voipms", VOIPMS);
        directory.addRate(rate("+1", "voipms", "0.0085", "USD"));
        directory.addRate(rate("+1", "telnyx", "0.0100", "USD"));

        call("+1 212 555 0123").through(policy)
                .assertRoutedTo("voipms").withNumber("12125550123").withPricePerMinute("0.0085")
                .thenFailoverTo("telnyx").withPricePerMinute("0.0100").withNoFailover();
    }

    @Test
    void a_cheaper_rate_added_later_reorders_the_trunks() {
        directory.addTrunk("voipms", VOIPMS);
        directory.addRate(rate("+1", "voipms", "0.0100", "USD"));
        call("+1 212 555 0123").through(policy).assertTrunkOrder("voipms", "telnyx");

        directory.addRate(rate("+1212", "telnyx", "0.0050", "USD"));

        call("+1 212 555 0123").through(policy).assertTrunkOrder("telnyx", "voipms");
        call("+1 415 555 0123").through(policy).assertTrunkOrder("voipms", "telnyx");
    }

    @Test
    void the_tables_are_rebuilt_once_per_change_not_per_call() {
        RoutePolicy first = policy.policy();
        call("+49 30 1234567").through(policy);
        assertThat(policy.policy()).isSameAs(first);

        directory.addTrunk("voipms", VOIPMS);
        RoutePolicy second = policy.policy();
        call("+49 30 1234567").through(policy);

        assertThat(second).isNotSameAs(first);
        assertThat(policy.policy()).isSameAs(second);
    }

    @Test
    void a_trunk_removed_from_the_directory_is_left_out_of_its_routes() {
        directory.addTrunk("voipms", VOIPMS);
        call("+1 212 555 0123").through(policy).assertTrunkOrder("voipms", "telnyx");

        directory.removeTrunk("telnyx");

        call("+1 212 555 0123").through(policy).assertRoutedTo("voipms").withNoFailover();
        call("+49 30 1234567").through(policy).assertRejected(404).withReason(DefaultRoutePolicy.NO_ROUTE);
    }

    @Test
    void tables_the_default_policy_refuses_leave_the_previous_ones_in_use() {
        directory.addRate(rate("+49", "telnyx", "0.0100", "USD"));
        directory.addRate(rate("+1", "telnyx", "0.0090", "EUR"));

        call("+49 30 1234567").from(user("alice").country("DE")).through(policy)
                .assertRoutedTo("telnyx").unrated();
    }

    @Test
    void refused_tables_at_construction_are_thrown() {
        directory.addRate(rate("0049", "telnyx", "0.0100", "USD"));

        assertThatThrownBy(() -> new DirectoryRoutePolicy(List.of(route("", "telnyx")), directory,
                new NumberNormaliser("US")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rates[0].prefix");
    }

    @Test
    void following_a_configuration_directory_routes_as_the_default_policy_does() {
        ConfigDirectory fixed = new ConfigDirectory(Map.of(), Map.of("telnyx", TELNYX, "voipms", VOIPMS),
                List.of(rate("+1", "voipms", "0.0085", "USD")));
        RoutePolicy following = new DirectoryRoutePolicy(List.of(route("", "telnyx", "voipms")), fixed,
                new NumberNormaliser("US"));
        RoutePolicy plain = new DefaultRoutePolicy(List.of(route("", "telnyx", "voipms")), fixed.trunks(),
                fixed.rates(), new NumberNormaliser("US"));

        assertThat(call("(212) 555-0123").through(following).decision())
                .isEqualTo(call("(212) 555-0123").through(plain).decision());
    }

    /** Replaces its immutable snapshot on every change, never changes one. */
    private static final class ChangingDirectory implements Directory {
        private volatile ConfigDirectory snapshot;

        ChangingDirectory(Map<String, TrunkConfig> trunks, List<RateConfig> rates) {
            this.snapshot = new ConfigDirectory(Map.of(), trunks, rates);
        }

        void addTrunk(String name, TrunkConfig trunk) {
            Map<String, TrunkConfig> trunks = new HashMap<>(snapshot.trunks());
            trunks.put(name, trunk);
            snapshot = new ConfigDirectory(Map.of(), trunks, snapshot.rates());
        }

        void removeTrunk(String name) {
            Map<String, TrunkConfig> trunks = new HashMap<>(snapshot.trunks());
            trunks.remove(name);
            snapshot = new ConfigDirectory(Map.of(), trunks, snapshot.rates());
        }

        void addRate(RateConfig rate) {
            List<RateConfig> rates = new java.util.ArrayList<>(snapshot.rates());
            rates.add(rate);
            snapshot = new ConfigDirectory(Map.of(), snapshot.trunks(), rates);
        }

        @Override
        public Optional<User> userBySipUsername(String sipUsername) {
            return snapshot.userBySipUsername(sipUsername);
        }

        @Override
        public Optional<User> user(String userId) {
            return snapshot.user(userId);
        }

        @Override
        public Map<String, TrunkConfig> trunks() {
            return snapshot.trunks();
        }

        @Override
        public List<RateConfig> rates() {
            return snapshot.rates();
        }
    }
}
