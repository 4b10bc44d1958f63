package io.sipcall.it.b2bua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sipcall.it.B2buaUnderTest;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.sip.port.Registrations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SIPCall as the registrar of gateway-side users (the Janus SIP plugin registers each browser user). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrarTest {

    private static final Duration RUN = Duration.ofSeconds(30);

    private final B2buaUnderTest b2bua = B2buaUnderTest.withExtra("""
            users:
              alice:
                sip: {username: alice, password: wonderland}
              bob:
                sip: {username: bob, password: builder}
            """);

    @AfterAll
    void stop() {
        b2bua.close();
    }

    private Sipp register(Sipp.Transport transport, String user, String password, String expires) {
        return Sipp.scenario("uac-register.xml").transport(transport).localIp("127.0.0.2")
                .remote("127.0.0.1", b2bua.sipPort()).templateParam("user", user)
                .templateParam("password", password).templateParam("expires", expires);
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void a_user_registers_with_digest_and_unregisters(Sipp.Transport transport) {
        try (SippProcess ua = register(transport, "alice", "wonderland", "600").pause(Duration.ofSeconds(2)).start()) {
            await("alice registered").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !bindings("alice").isEmpty());
            Registrations.Binding binding = bindings("alice").get(0);
            assertThat(binding.contact()).startsWith("sip:alice@127.0.0.2:" + ua.localPort());
            assertThat(binding.expiresAt()).isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(601));
            assertThat(binding.source()).isEqualTo("127.0.0.2");

            ua.awaitExit(RUN).assertSucceeded();
        }
        assertThat(bindings("alice")).isEmpty();
    }

    @Test
    void a_lifetime_below_the_minimum_gets_423_with_min_expires() {
        Sipp.scenario("uac-register-too-brief.xml").localIp("127.0.0.2").remote("127.0.0.1", b2bua.sipPort())
                .templateParam("user", "bob").templateParam("password", "builder").run(RUN).assertSucceeded();

        assertThat(bindings("bob")).isEmpty();
    }

    @Test
    void a_wrong_password_registers_nothing() {
        Sipp.scenario("uac-register-refused.xml").localIp("127.0.0.3").remote("127.0.0.1", b2bua.sipPort())
                .templateParam("user", "bob").templateParam("password", "wrong").run(RUN).assertSucceeded();

        assertThat(bindings("bob")).isEmpty();
    }

    private List<Registrations.Binding> bindings(String user) {
        return b2bua.userRegistrations().bindings(user, Instant.now());
    }
}
