package io.sipcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every YAML example in the README loads: the README shows only configurations that work. */
class ReadmeConfigTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void every_yaml_example_in_the_readme_is_a_valid_configuration(@TempDir Path dir) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).isNotEmpty();

        for (int i = 0; i < blocks.size(); i++) {
            String yaml = blocks.get(i);
            Path file = Files.writeString(dir.resolve("readme-" + i + ".yml"), yaml);
            // Secrets the examples take from the environment, as their comments say.
            Map<String, String> env = yaml.contains("SIPCALL_TRUNKS_TELNYX_AUTH_PASSWORD_FILE")
                    ? Map.of("SIPCALL_TRUNKS_TELNYX_AUTH_PASSWORD", "example-only") : Map.of();
            assertThat(ConfigLoader.load(Optional.of(file), env)).as("README YAML block %d:%n%s", i + 1, yaml)
                    .isNotNull();
        }
    }
}
