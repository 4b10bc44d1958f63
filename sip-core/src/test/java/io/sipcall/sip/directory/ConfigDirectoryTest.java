package io.sipcall.sip.directory;

import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.rate;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.trunk;
import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.RateConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.UserConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigDirectoryTest {

    private static final UserConfig ALICE = new UserConfig("Alice", UserConfig.Role.USER, "DE", Optional.empty(),
            Optional.of(new UserConfig.SipCredential("alice-sip", "0".repeat(32), "0".repeat(64))), 2,
            Optional.empty(), List.of());

    @Test
    void users_are_found_by_id_and_by_sip_user_name() {
        ConfigDirectory directory = new ConfigDirectory(Map.of("alice", ALICE), Map.of());

        assertThat(directory.user("alice")).hasValueSatisfying(user -> assertThat(user.config()).isEqualTo(ALICE));
        assertThat(directory.userBySipUsername("alice-sip").map(user -> user.id())).contains("alice");
        assertThat(directory.userBySipUsername("alice")).isEmpty();
        assertThat(directory.rates()).isEmpty();
    }

    @Test
    void unchanged_trunks_and_rates_of_a_previous_snapshot_are_handed_out_as_the_same_instances() {
        Map<String, TrunkConfig> trunks = Map.of("telnyx", trunk("sip.telnyx.com").build());
        List<RateConfig> rates = List.of(rate("+1", "telnyx", "0.0100", "USD"));
        ConfigDirectory first = new ConfigDirectory(Map.of(), trunks, rates);

        ConfigDirectory next = new ConfigDirectory(Map.of("alice", ALICE), first.trunks(), first.rates());

        assertThat(next.trunks()).isSameAs(first.trunks());
        assertThat(next.rates()).isSameAs(first.rates()).containsExactlyElementsOf(rates);
    }
}
