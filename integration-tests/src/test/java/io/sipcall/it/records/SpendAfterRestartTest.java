package io.sipcall.it.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sipcall.it.ConfiguredB2bua;
import io.sipcall.it.sipp.FreePorts;
import io.sipcall.it.sipp.Sipp.Transport;
import io.sipcall.persistence.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A restart does not reset a user's daily spend cap: the toll-fraud guard's ledger starts from what
 * today's call records say the user has spent.
 */
class SpendAfterRestartTest {

    private static final Duration RUN = Duration.ofSeconds(20);
    private static final String BERLIN = "+49301234567";

    @Test
    void a_user_who_spent_their_cap_before_a_restart_is_refused_after_it() {
        TestDatabase.Coordinates database = TestDatabase.freshCoordinates().migrated();
        // Earlier today, before this instance started, alice spent 0.05 of her 0.04 cap.
        database.jdbi().useHandle(h -> h.execute("INSERT INTO calls (id, user_id, direction, started_at, "
                + "answered_at, ended_at, duration_ms, talk_ms, billed_seconds, disposition, sip_status, hangup_cause, "
                + "hangup_side, price_per_minute, cost, currency) VALUES ('earlier', 'alice', 'OUTBOUND', now(), now(), "
                + "now(), 0, 0, 250, 'ANSWERED', 200, 'CALLER_HANGUP', 'CALLER', 0.012, 0.05, 'USD')"));

        try (ConfiguredB2bua b2bua = ConfiguredB2bua.with("""
                trunks:
                  a: {host: 127.0.0.1, port: %d, transport: udp}
                routes:
                  - {prefix: "+49", trunks: [a]}
                rates:
                  - {prefix: "+49", trunk: a, price-per-minute: "0.012", currency: USD}
                users:
                  alice:
                    default-country: DE
                    daily-spend-cap: "0.04"
                    sip: {username: alice, password: wonderland}
                """.formatted(FreePorts.udpAndTcp()))
                .policy(ConfiguredB2bua.Policy.DEFAULT).database(database).start()) {
            b2bua.caller("uac-auth-refused.xml", Transport.UDP, BERLIN).localIp("127.0.0.2")
                    .templateParam("user", "alice").templateParam("password", "wonderland")
                    .templateParam("status", "403").run(RUN).assertSucceeded();

            await("the refused call's record").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> b2bua.server().storage().callRecords().count() == 2);
            String reason = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT sip_reason FROM calls WHERE id <> 'earlier'").mapTo(String.class).one());
            assertThat(reason).contains("daily spend cap of 0.04");
        }
    }
}
