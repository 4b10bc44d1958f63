package io.sipcall.it.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.it.B2buaUnderTest;
import io.sipcall.it.sipp.SipMessage.Direction;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.it.sipp.SippResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may call from the gateway side: digest against a user's SIP credential (stored as HA1), with
 * sources that keep failing blocked for a while. Callers here use 127.0.0.2 and up, which are not
 * trusted peers (the fixture trusts only 127.0.0.1).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayAuthTest {

    private static final Duration RUN = Duration.ofSeconds(30);
    private static final String NUMBER = B2buaUnderTest.numberVia(Sipp.Transport.UDP);

    private final B2buaUnderTest b2bua = B2buaUnderTest.withExtra("""
            users:
              alice:
                sip: {username: alice, password: wonderland}
            """);

    @BeforeEach
    void fresh() {
        b2bua.startFresh();
    }

    @AfterAll
    void stop() {
        b2bua.close();
    }

    private Sipp caller(String scenario, String sourceIp) {
        return b2bua.caller(scenario, Sipp.Transport.UDP, NUMBER).localIp(sourceIp);
    }

    @Test
    void a_caller_with_the_right_credentials_is_challenged_once_and_then_calls_as_its_user()
            throws InterruptedException {
        try (SippProcess trunk = b2bua.callee("uas-answer.xml", Sipp.Transport.UDP).start()) {
            SippResult call = caller("uac-auth-call.xml", "127.0.0.2").templateParam("user", "alice")
                    .templateParam("password", "wonderland").run(RUN).assertSucceeded();
            trunk.awaitExit(RUN).assertSucceeded();

            String challenge = call.messages().firstResponse(Direction.RECEIVED, 407).requiredHeader("Proxy-Authenticate");
            assertThat(challenge).contains("realm=\"sipcall\"").contains("qop=\"auth\"");
        }
        assertThat(b2bua.events().awaitOnlyCall(Duration.ofSeconds(10)))
                .startsWith("started UDP user=alice").endsWith("answered", "ended CALLER_HANGUP");
    }

    @Test
    void a_wrong_password_is_refused_with_403_and_reaches_no_trunk() {
        caller("uac-auth-refused.xml", "127.0.0.3").templateParam("user", "alice").templateParam("password", "guess")
                .templateParam("status", "403").run(RUN).assertSucceeded();

        assertThat(b2bua.events().callCount()).isZero();
    }

    @Test
    void an_unknown_user_is_refused_like_a_wrong_password() {
        caller("uac-auth-refused.xml", "127.0.0.3").templateParam("user", "mallory").templateParam("password", "x")
                .templateParam("status", "403").run(RUN).assertSucceeded();

        assertThat(b2bua.events().callCount()).isZero();
    }

    @Test
    void a_source_that_keeps_failing_is_blocked_while_other_sources_keep_working() throws InterruptedException {
        String attacker = "127.0.0.4";
        for (int attempt = 0; attempt < 5; attempt++) {
            caller("uac-auth-refused.xml", attacker).templateParam("user", "alice").templateParam("password", "nope")
                    .templateParam("status", "403").run(RUN).assertSucceeded();
        }
        // Blocked now: refused at once, not even challenged, even with the right password.
        caller("uac-expect-status.xml", attacker).templateParam("status", "403").run(RUN).assertSucceeded();

        try (SippProcess trunk = b2bua.callee("uas-answer.xml", Sipp.Transport.UDP).start()) {
            caller("uac-auth-call.xml", "127.0.0.5").templateParam("user", "alice").templateParam("password", "wonderland")
                    .run(RUN).assertSucceeded();
            trunk.awaitExit(RUN).assertSucceeded();
        }
        assertThat(b2bua.events().awaitOnlyCall(Duration.ofSeconds(10))).startsWith("started UDP user=alice");
    }
}
