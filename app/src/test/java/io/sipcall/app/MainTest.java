package io.sipcall.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void config_option_names_the_file() {
        assertThat(Main.configFile(new String[] {"--config", "/etc/sipcall.yml"}))
                .contains(Path.of("/etc/sipcall.yml"));
    }

    @Test
    void config_option_without_a_file_is_refused() {
        assertThatThrownBy(() -> Main.configFile(new String[] {"--config"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--config needs a file name");
    }

    @Test
    void unknown_arguments_are_refused_by_name() {
        assertThatThrownBy(() -> Main.configFile(new String[] {"--port", "5060"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port");
    }
}
