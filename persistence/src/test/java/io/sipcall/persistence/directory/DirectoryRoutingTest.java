package io.sipcall.persistence.directory;

import static io.sipcall.persistence.directory.Entries.ADMIN;
import static io.sipcall.persistence.directory.Entries.rate;
import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.call;

import io.sipcall.config.ConfigLoader;
import io.sipcall.config.SipCallConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.testing.TestDatabase;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.route.DefaultRoutePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default route policy following the database directory: config seeds, the admin changes, calls follow. */
class DirectoryRoutingTest {

    private static final String YAML = """
            trunks:
              telnyx:
                host: sip.telnyx.com
              voipms:
                host: chicago.voip.ms
                number-format: e164
            routes:
              - prefix: "+1"
                trunks: [voipms, telnyx]
              - prefix: ""
                trunks: [telnyx]
            rates:
              - prefix: "+1"
                trunk: telnyx
                price-per-minute: "0.0100"
                currency: USD
            """;

    @TempDir
    Path dir;

    private final Database database = TestDatabase.fresh();
    private final DirectoryStore store = Entries.store(database);
    private DatabaseDirectory directory;
    private RoutePolicy policy;

    @BeforeEach
    void start() throws IOException {
        Path file = Files.writeString(dir.resolve("sipcall.yml"), YAML);
        SipCallConfig config = ConfigLoader.load(Optional.of(file), Map.of());
        new ConfigSeeder(store).seed(config);
        directory = DatabaseDirectory.start(store, Duration.ofHours(1));
        policy = DefaultRoutePolicy.following(config, directory);
    }

    @AfterEach
    void close() {
        directory.close();
        database.close();
    }

    @Test
    void a_rate_added_in_the_database_reorders_the_trunks_without_a_restart() {
        call("+1 212 555 0123").through(policy).assertTrunkOrder("telnyx", "voipms");

        store.createRate(ADMIN, rate("+1", "voipms", "0.0085"));
        directory.refresh();

        call("+1 212 555 0123").through(policy)
                .assertRoutedTo("voipms").withNumber("12125550123").withPricePerMinute("0.0085")
                .thenFailoverTo("telnyx").withPricePerMinute("0.01").withNoFailover();
    }

    @Test
    void a_trunk_deleted_then_added_back_in_the_database_leaves_and_rejoins_its_routes() {
        store.deleteTrunk(ADMIN, "voipms");
        directory.refresh();
        call("+1 212 555 0123").through(policy).assertRoutedTo("telnyx").withNoFailover();

        store.createTrunk(ADMIN, "voipms", TrunkConfig.simple("newyork1.voip.ms", 5060, io.sipcall.config.Transport.UDP));
        store.createRate(ADMIN, rate("+1", "voipms", "0.0050"));
        directory.refresh();

        call("+1 212 555 0123").through(policy)
                .assertRoutedTo("voipms").withHost("newyork1.voip.ms").withNumber("+12125550123")
                .thenFailoverTo("telnyx").withNoFailover();
    }
}
