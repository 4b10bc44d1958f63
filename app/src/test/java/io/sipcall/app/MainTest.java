package io.sipcall.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.app.Main.Arguments;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void config_option_names_the_file() {
        Arguments arguments = Arguments.parse("--config", "/etc/sipcall.yml");

        assertThat(arguments.configFile(NO_ENV)).contains(Path.of("/etc/sipcall.yml"));
        assertThat(arguments.help()).isFalse();
    }

    @Test
    void no_arguments_mean_the_embedded_defaults() {
        Arguments arguments = Arguments.parse();

        assertThat(arguments.configFile(NO_ENV)).isEmpty();
        assertThat(arguments.help()).isFalse();
    }

    @Test
    void sipcall_config_names_the_file_when_the_command_line_does_not() {
        Map<String, String> env = Map.of("SIPCALL_CONFIG", "/srv/sipcall.yml");

        assertThat(Arguments.parse().configFile(env)).contains(Path.of("/srv/sipcall.yml"));
        assertThat(Arguments.parse("--config", "/etc/sipcall.yml").configFile(env))
                .contains(Path.of("/etc/sipcall.yml"));
        assertThat(Arguments.parse().configFile(Map.of("SIPCALL_CONFIG", " "))).isEmpty();
    }

    @Test
    void config_option_without_a_file_is_refused() {
        assertThatThrownBy(() -> Arguments.parse("--config"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--config needs a file name");
        assertThatThrownBy(() -> Arguments.parse("--config", "--help"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--config needs a file name");
        assertThatThrownBy(() -> Arguments.parse("--config", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--config needs a file name");
    }

    @Test
    void config_option_given_twice_is_refused() {
        assertThatThrownBy(() -> Arguments.parse("--config", "a.yml", "--config", "b.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--config given more than once");
    }

    @Test
    void unknown_arguments_are_refused_by_name() {
        assertThatThrownBy(() -> Arguments.parse("--port", "5060"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port");
    }

    @Test
    void help_is_recognised_wherever_it_stands() {
        assertThat(Arguments.parse("--help").help()).isTrue();
        assertThat(Arguments.parse("-h").help()).isTrue();
        // Used to start the server on the defaults, ignoring both --help and the file.
        assertThat(Arguments.parse("--help", "--config", "a.yml").help()).isTrue();
        // Used to start the server on a.yml.
        assertThat(Arguments.parse("--config", "a.yml", "--help").help()).isTrue();
    }

    @Test
    void arguments_after_the_config_file_are_still_checked() {
        // Used to be ignored: parsing stopped at the file name.
        assertThatThrownBy(() -> Arguments.parse("--config", "a.yml", "--bogus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> Arguments.parse("--help", "--bogus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--bogus");
    }

    @Test
    void help_lists_the_options_and_the_exit_statuses() {
        assertThat(Main.HELP)
                .startsWith(Main.USAGE + "\n")
                .contains("--config FILE", "--help", "SIPCALL_CONFIG", "docs/configuration.md", "privacy export USER",
                        "2 invalid arguments or configuration", "1 could not start");
    }

    @Test
    void privacy_commands_take_a_verb_and_a_user() {
        assertThat(Arguments.parse("privacy", "export", "alice").command()).containsExactly("privacy", "export", "alice");
        assertThat(Arguments.parse("--config", "a.yml", "privacy", "erase", "bob").command())
                .containsExactly("privacy", "erase", "bob");
        assertThat(Arguments.parse().command()).isEmpty();
    }

    @Test
    void malformed_privacy_commands_are_refused_with_what_they_need() {
        assertThatThrownBy(() -> Arguments.parse("privacy", "export")).hasMessageContaining("'export USER'");
        assertThatThrownBy(() -> Arguments.parse("privacy", "delete", "alice")).hasMessageContaining("'erase USER'");
        assertThatThrownBy(() -> Arguments.parse("privacy", "export", "a", "b")).hasMessageContaining("'export USER'");
        assertThatThrownBy(() -> Arguments.parse("serve")).hasMessageContaining("unknown argument: serve");
    }
}
