package io.sipcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import io.sipcall.config.TrunkConfig.NumberFormat;
import io.sipcall.config.TrunkConfig.RegistrationConfig;
import io.sipcall.config.TrunkConfig.TrunkAuth;
import io.sipcall.config.TrunkConfig.TrunkPreset;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The committed example, {@code sipcall.example.yml} at the repository root, stays loadable and complete. */
class ExampleConfigTest {

    /** Maven runs the tests in the module directory. */
    private static final Path EXAMPLE = Path.of("../sipcall.example.yml");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void example_config_loads_as_is() {
        SipCallConfig config = ConfigLoader.load(Optional.of(EXAMPLE), Map.of());

        SipCallConfig defaults = ConfigLoader.load(Optional.empty(), Map.of());
        assertThat(config.trunks().get("telnyx")).isEqualTo(new TrunkConfig(TrunkPreset.TELNYX, "sip.telnyx.com", 5060,
                Transport.UDP, Optional.empty(), TrunkAuth.IP, RegistrationConfig.OFF, NumberFormat.E164_PLUS, "",
                Optional.empty(), 0, 0, 20));
        assertThat(config.routes()).containsExactly(new RouteConfig("+1", List.of("telnyx")));
        assertThat(config.rates()).containsExactly(new RateConfig("+1", "telnyx", new BigDecimal("0.0050"), "USD"));
        assertThat(config.users().get("alice").sip()).as("the example publishes no credential").isEmpty();
        assertThat(config.sip()).isEqualTo(defaults.sip());
        assertThat(config.gateway()).isEqualTo(defaults.gateway());
        assertThat(config.tollFraud()).isEqualTo(defaults.tollFraud());
        assertThat(config.routing()).isEqualTo(defaults.routing());
    }

    @Test
    void example_config_lists_every_key_of_the_defaults() throws IOException {
        JsonNode example = yaml.readTree(EXAMPLE.toFile());
        JsonNode defaults;
        try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yml")) {
            defaults = yaml.readTree(in);
        }

        List<String> leaves = new ArrayList<>();
        collectLeaves(defaults, "", leaves);

        assertThat(leaves).contains("data-dir", "sip.tls.protocols", "sip.trunk-response-timeout", "trunks", "routes",
                "users", "rates", "gateway.auth-failures.block-for", "toll-fraud.role-allowlists",
                "routing.default-country");
        for (String leaf : leaves) {
            assertThat(example.at(pointer(leaf)).isMissingNode()).as("example lists %s", leaf).isFalse();
        }
    }

    @Test
    void example_trunk_route_and_rate_show_every_key_they_may_have() throws IOException {
        JsonNode example = yaml.readTree(EXAMPLE.toFile());

        assertHasEvery(example, "/trunks/telnyx/", Keys.TRUNK_FIELDS);
        assertHasEvery(example, "/trunks/telnyx/auth/", List.of("mode", "username"));
        assertHasEvery(example, "/trunks/telnyx/registration/", Keys.TRUNK_REGISTRATION_FIELDS);
        assertHasEvery(example, "/routes/0/", Keys.ROUTE_FIELDS);
        assertHasEvery(example, "/rates/0/", Keys.RATE_FIELDS);
        assertHasEvery(example, "/toll-fraud/role-allowlists/", Keys.ROLES);
    }

    /**
     * Keys that would put a credential in a file anyone may copy are shown commented out; the
     * rest of a user is live.
     */
    @Test
    void example_user_shows_every_key_with_the_credential_commented_out() throws IOException {
        JsonNode example = yaml.readTree(EXAMPLE.toFile());
        String text = Files.readString(EXAMPLE);

        assertHasEvery(example, "/users/alice/", Keys.USER_FIELDS.stream().filter(key -> !key.equals("sip")).toList());
        assertThat(example.at("/users/alice/sip").isMissingNode()).isTrue();
        assertThat(example.at("/trunks/telnyx/auth/password").isMissingNode()).isTrue();
        for (String key : List.of("sip", "username", "password", "ha1-md5", "ha1-sha256")) {
            assertThat(text).as("commented-out %s", key).containsPattern("(?m)^ *#\\s+" + key + ":");
        }
        assertThat(text).contains("SIPCALL_TRUNKS_TELNYX_AUTH_PASSWORD_FILE", "SIPCALL_USERS_ALICE_SIP_PASSWORD_FILE");
    }

    private static void assertHasEvery(JsonNode example, String pointer, List<String> keys) {
        for (String key : keys) {
            assertThat(example.at(pointer + key).isMissingNode()).as("%s%s", pointer, key).isFalse();
        }
    }

    /** Leaves are scalars, lists and empty maps. */
    private static void collectLeaves(JsonNode node, String key, List<String> leaves) {
        if (node.isObject() && !node.isEmpty()) {
            node.fieldNames().forEachRemaining(name -> collectLeaves(node.get(name), Keys.child(key, name), leaves));
        } else {
            leaves.add(key);
        }
    }

    private static String pointer(String dottedKey) {
        return "/" + dottedKey.replace('.', '/');
    }
}
