package io.sipcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
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

        assertThat(config.trunks().get("telnyx")).isEqualTo(TrunkConfig.simple("sip.telnyx.com", 5060, Transport.UDP));
        assertThat(config.routes()).containsExactly(new RouteConfig("+1", List.of("telnyx")));
        assertThat(config.sip()).isEqualTo(ConfigLoader.load(Optional.empty(), Map.of()).sip());
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

        assertThat(leaves).contains("data-dir", "sip.tls.protocols", "sip.trunk-response-timeout", "trunks", "routes");
        for (String leaf : leaves) {
            assertThat(example.at(pointer(leaf)).isMissingNode()).as("example lists %s", leaf).isFalse();
        }
    }

    @Test
    void example_trunk_and_route_show_every_key_they_may_have() throws IOException {
        JsonNode example = yaml.readTree(EXAMPLE.toFile());

        for (String field : Keys.TRUNK_FIELDS) {
            assertThat(example.at("/trunks/telnyx/" + field).isMissingNode()).as("trunk key %s", field).isFalse();
        }
        for (String field : Keys.ROUTE_FIELDS) {
            assertThat(example.at("/routes/0/" + field).isMissingNode()).as("route key %s", field).isFalse();
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
