package io.sipcall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.ConfigLoader;
import io.sipcall.config.SipCallConfig;
import io.sipcall.persistence.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The privacy commands against a real PostgreSQL seeded from a configuration file. */
class PrivacyCommandTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void export_prints_the_users_data_and_erase_removes_it_both_audited() throws IOException {
        TestDatabase.Coordinates database = TestDatabase.freshCoordinates();
        SipCallConfig config = configWithAlice(database);
        try (Storage seeded = Storage.open(config)) {
            assertThat(seeded.directoryStore().user("alice")).isPresent();
        }

        assertThat(run(config, "export")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"alice\"", "Alice Example", "+4930123456");

        out.reset();
        assertThat(run(config, "erase")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("erased: pseudonym erased-");

        assertThat(run(config, "export")).isEqualTo(Main.EXIT_CANNOT_START);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("privacy export:");
        List<String> actions = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT actor || ' ' || action || ' ' || source FROM audit_log WHERE action LIKE 'privacy.%' ORDER BY id")
                .mapTo(String.class).list());
        String actor = "cli:" + System.getProperty("user.name");
        assertThat(actions).containsExactly(actor + " privacy.exported cli", actor + " privacy.erased cli");
    }

    private int run(SipCallConfig config, String verb) {
        return PrivacyCommand.run(config, List.of("privacy", verb, "alice"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private SipCallConfig configWithAlice(TestDatabase.Coordinates database) throws IOException {
        Path file = Files.writeString(dataDir.resolve("sipcall.yml"), """
                data-dir: %s
                users:
                  alice: {display-name: Alice Example, default-country: DE, caller-id: "+4930123456"}
                %s
                """.formatted(dataDir, database.yaml()));
        return ConfigLoader.load(Optional.of(file), Map.of());
    }
}
