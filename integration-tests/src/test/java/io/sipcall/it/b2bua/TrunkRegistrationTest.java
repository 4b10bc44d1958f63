package io.sipcall.it.b2bua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sipcall.config.Secret;
import io.sipcall.config.Transport;
import io.sipcall.config.TrunkConfig;
import io.sipcall.it.B2buaUnderTest;
import io.sipcall.it.sipp.FreePorts;
import io.sipcall.it.sipp.SipMessage;
import io.sipcall.it.sipp.SipMessage.Direction;
import io.sipcall.it.sipp.SipMessages;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.it.sipp.SippResult;
import io.sipcall.sip.auth.DigestAlgorithm;
import io.sipcall.sip.auth.DigestResponse;
import io.sipcall.sip.auth.DigestVerifier;
import io.sipcall.sip.auth.Ha1;
import io.sipcall.sip.registration.RegistrationStatus;
import io.sipcall.sip.registration.RegistrationTimings;
import io.sipcall.sip.registration.TrunkRegistration.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The B2BUA registers to a trunk whose registrar is a SIPp UAS: digest challenge answered and
 * verified by SIPp's verifyauth, the granted expiry honoured and refreshed, a stale nonce answered
 * again, a refusal backed off, and the binding removed on close.
 *
 * <p>The registrar grants 2 s first; with a 1 s refresh floor ({@link RegistrationTimings}) the
 * refresh comes about a second later, so nothing here waits longer than the protocol needs.
 */
class TrunkRegistrationTest {

    static final String TRUNK = "telnyx";
    static final String USER = "sipcall-test";
    static final String PASSWORD = "s3cret-pw";
    static final Duration RUN = Duration.ofSeconds(30);
    static final Duration SETTLE = Duration.ofSeconds(15);
    static final RegistrationTimings SHORT_FLOOR = RegistrationTimings.DEFAULT.withRefreshFloor(Duration.ofSeconds(1));

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void registers_through_the_challenge_refreshes_past_a_stale_nonce_and_unregisters_on_close(
            Sipp.Transport transport) {
        try (SippProcess registrar = registrar("uas-registrar.xml", transport)
                .templateParam("expiry", "300").templateParam("expires", "2").start()) {
            B2buaUnderTest b2bua = B2buaUnderTest.startWithTrunks(
                    Map.of(TRUNK, trunk(transport, "127.0.0.1", registrar.localPort(), PASSWORD, Optional.empty())),
                    SHORT_FLOOR);
            RegistrationStatus refreshed;
            try {
                refreshed = awaitRefreshed(b2bua);
            } finally {
                b2bua.close();
            }

            assertThat(refreshed.lastError()).isEmpty();
            assertThat(refreshed.nextAttempt()).hasValueSatisfying(next -> assertThat(next)
                    .isBetween(Instant.now().plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31))));
            RegistrationStatus closed = b2bua.registrations().status(TRUNK).orElseThrow();
            assertThat(closed.state()).isEqualTo(State.UNREGISTERED);
            assertThat(closed.registeredUntil()).isEmpty();

            SipMessages messages = registrar.awaitExit(RUN).assertSucceeded().messages();
            List<SipMessage> registers = messages.requests(Direction.RECEIVED, "REGISTER");
            assertThat(registers).hasSize(6);
            assertOneRegistration(registers, b2bua, "127.0.0.1");
            assertThat(registers.get(0).header("Authorization")).as("the first REGISTER has no credentials").isEmpty();
            assertThat(registers.subList(1, 6)).allSatisfy(r -> assertThat(r.requiredHeader("Authorization"))
                    .contains("username=\"" + USER + "\"", "qop=auth", "opaque=\"0paque\"", "algorithm=MD5")
                    .doesNotContain(PASSWORD));
            assertThat(registers.subList(1, 6)).extracting(TrunkRegistrationTest::nonceAndCount).containsExactly(
                    "nonceA/00000001", "nonceB/00000001", "nonceB/00000002", "nonceC/00000001", "nonceC/00000002");
            assertThat(registers.get(0).requiredHeader("Expires")).isEqualTo("300");
            assertThat(registers.get(5).requiredHeader("Expires")).as("un-REGISTER").isEqualTo("0");
        }
    }

    @ParameterizedTest
    @CsvSource({"UDP, 403, Forbidden", "TCP, 403, Forbidden", "UDP, 401, Unauthorized"})
    void a_refused_password_is_tried_once_and_then_backed_off(Sipp.Transport transport, int status, String reason) {
        try (SippProcess registrar = registrar("uas-registrar-refuse.xml", transport)
                .templateParam("status", Integer.toString(status)).templateParam("reason", reason)
                .templateParam("quiet_ms", "3000").start()) {
            B2buaUnderTest b2bua = B2buaUnderTest.startWithTrunks(
                    Map.of(TRUNK, trunk(transport, "127.0.0.1", registrar.localPort(), "wrong-pw", Optional.empty())),
                    SHORT_FLOOR);
            try {
                RegistrationStatus failing = awaitStatus(b2bua, "failing", s -> s.state() == State.FAILING);

                assertThat(failing.lastError())
                        .hasValueSatisfying(e -> assertThat(e).startsWith(status + " " + reason));
                assertThat(failing.registeredUntil()).isEmpty();
                assertThat(failing.nextAttempt()).hasValueSatisfying(next -> assertThat(next)
                        .isBetween(Instant.now().plusSeconds(25), Instant.now().plusSeconds(30)));
                // SIPp passes only if no further REGISTER came within its quiet window.
                SipMessages messages = registrar.awaitExit(RUN).assertSucceeded().messages();
                List<SipMessage> registers = messages.requests(Direction.RECEIVED, "REGISTER");
                assertThat(registers).hasSize(2);
                assertOneRegistration(registers, b2bua, "127.0.0.1");
                assertThat(registers.get(1).header("Authorization")).isPresent();
                assertThat(b2bua.registrations().status(TRUNK).orElseThrow().state()).isEqualTo(State.FAILING);
            } finally {
                b2bua.close();
            }
            assertThat(b2bua.registrations().status(TRUNK).orElseThrow().state()).isEqualTo(State.UNREGISTERED);
        }
    }

    @Test
    void with_an_outbound_proxy_the_request_goes_to_the_proxy_for_the_trunk_domain() {
        try (SippProcess proxy = registrar("uas-registrar.xml", Sipp.Transport.UDP)
                .templateParam("expiry", "300").templateParam("expires", "2").start()) {
            String domain = "registrar.sipcall.invalid";
            B2buaUnderTest b2bua = B2buaUnderTest.startWithTrunks(Map.of(TRUNK, trunk(Sipp.Transport.UDP, domain, 0,
                    PASSWORD, Optional.of("127.0.0.1:" + proxy.localPort()))), SHORT_FLOOR);
            try {
                awaitRefreshed(b2bua);
            } finally {
                b2bua.close();
            }

            SipMessages messages = proxy.awaitExit(RUN).assertSucceeded().messages();
            List<SipMessage> registers = messages.requests(Direction.RECEIVED, "REGISTER");
            assertOneRegistration(registers, b2bua, domain);
            assertThat(registers).allSatisfy(r -> {
                assertThat(r.requestUri()).isEqualTo("sip:" + domain);
                assertThat(r.requiredHeader("Route")).isEqualTo("<sip:127.0.0.1:" + proxy.localPort() + ";lr>");
            });
            assertThat(registers.get(1).requiredHeader("Authorization")).contains("uri=\"sip:" + domain + "\"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MD5", "SHA-256"})
    void a_proxy_challenge_and_a_423_are_answered_and_the_longer_expiry_is_kept(String algorithm) {
        try (SippProcess registrar = Sipp.scenario("uas-registrar-proxy-auth.xml").templateParam("user", USER)
                .templateParam("algorithm", algorithm).globalTimeout(RUN).start()) {
            B2buaUnderTest b2bua = B2buaUnderTest.startWithTrunks(Map.of(TRUNK,
                    trunk(Sipp.Transport.UDP, "127.0.0.1", registrar.localPort(), PASSWORD, Optional.empty())),
                    SHORT_FLOOR);
            RegistrationStatus registered;
            try {
                registered = awaitStatus(b2bua, "registered", s -> s.state() == State.REGISTERED);
            } finally {
                b2bua.close();
            }

            assertThat(registered.registeredUntil()).hasValueSatisfying(until -> assertThat(until)
                    .isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(600)));
            assertThat(registered.nextAttempt()).hasValueSatisfying(next -> assertThat(next)
                    .isBetween(Instant.now().plusSeconds(290), Instant.now().plusSeconds(300)));
            SipMessages messages = registrar.awaitExit(RUN).assertSucceeded().messages();
            List<SipMessage> registers = messages.requests(Direction.RECEIVED, "REGISTER");
            assertThat(registers).hasSize(4);
            assertOneRegistration(registers, b2bua, "127.0.0.1");
            // SIPp 3.6.1 cannot verify a Proxy-Authorization (nor SHA-256): check the digest here.
            String ha1 = Ha1.of(DigestAlgorithm.fromToken(algorithm), USER, "proxy.test", PASSWORD);
            assertThat(registers.subList(1, 4)).allSatisfy(r -> assertThat(DigestVerifier.verify(
                    DigestResponse.parse(r.requiredHeader("Proxy-Authorization")), "REGISTER", r.requestUri(), ha1,
                    "proxy.test")).isTrue());
            assertThat(registers.get(2).requiredHeader("Expires")).isEqualTo("600");
        }
    }

    @Test
    void a_silent_registrar_is_a_failure_once_the_response_deadline_passes() {
        int silent = FreePorts.udpAndTcp();
        RegistrationTimings shortDeadline = new RegistrationTimings(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (B2buaUnderTest b2bua = B2buaUnderTest.startWithTrunks(Map.of(TRUNK,
                trunk(Sipp.Transport.UDP, "127.0.0.1", silent, PASSWORD, Optional.empty())), shortDeadline)) {
            RegistrationStatus failing = awaitStatus(b2bua, "failing", s -> s.state() == State.FAILING);

            assertThat(failing.lastError()).contains("no response from 127.0.0.1:" + silent + " over udp");
            assertThat(failing.nextAttempt()).hasValueSatisfying(next -> assertThat(next)
                    .isBetween(Instant.now().plusSeconds(25), Instant.now().plusSeconds(30)));
        }
    }

    /** Same Call-ID and From tag, CSeq counting up from 1, the address-of-record, our Contact. */
    private static void assertOneRegistration(List<SipMessage> registers, B2buaUnderTest b2bua, String domain) {
        assertThat(registers).extracting(SipMessage::callId).containsOnly(registers.get(0).callId());
        assertThat(registers).extracting(r -> r.fromTag().orElseThrow()).containsOnly(registers.get(0).fromTag().get());
        assertThat(registers).extracting(r -> r.requiredHeader("CSeq"))
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, registers.size()).mapToObj(n -> n + " REGISTER").toList());
        assertThat(registers).allSatisfy(r -> {
            assertThat(r.requiredHeader("From")).contains("sip:" + USER + "@" + domain);
            assertThat(r.requiredHeader("To")).contains("sip:" + USER + "@" + domain);
            assertThat(r.requiredHeader("Contact")).contains("@127.0.0.1:" + b2bua.sipPort());
        });
    }

    private static Sipp registrar(String scenario, Sipp.Transport transport) {
        return Sipp.scenario(scenario).transport(transport)
                .templateParam("user", USER).templateParam("password", PASSWORD)
                .globalTimeout(RUN);
    }

    private static TrunkConfig trunk(Sipp.Transport transport, String host, int port, String password,
            Optional<String> outboundProxy) {
        return new TrunkConfig(TrunkConfig.TrunkPreset.GENERIC, host, port,
                transport == Sipp.Transport.TCP ? Transport.TCP : Transport.UDP, outboundProxy,
                new TrunkConfig.TrunkAuth(TrunkConfig.AuthMode.CREDENTIALS, USER, Optional.of(new Secret(password))),
                new TrunkConfig.RegistrationConfig(true, Duration.ofSeconds(300)),
                TrunkConfig.NumberFormat.E164_PLUS, "", Optional.empty(), 0, 0, 0);
    }

    /** Registered after the refresh: only the refresh's 200 grants an hour, the first one grants 2 s. */
    private static RegistrationStatus awaitRefreshed(B2buaUnderTest b2bua) {
        return awaitStatus(b2bua, "registered again after the refresh", s -> s.state() == State.REGISTERED
                && s.registeredUntil().filter(until -> until.isAfter(Instant.now().plus(Duration.ofMinutes(30))))
                        .isPresent());
    }

    private static RegistrationStatus awaitStatus(B2buaUnderTest b2bua, String what,
            Predicate<RegistrationStatus> condition) {
        return await(what).atMost(SETTLE).pollInterval(Duration.ofMillis(50))
                .until(() -> b2bua.registrations().status(TRUNK).orElseThrow(), condition::test);
    }

    /** Which of the scenario's nonces (A, B, C) an Authorization answers, and with which nc. */
    private static String nonceAndCount(SipMessage register) {
        DigestResponse credentials = DigestResponse.parse(register.requiredHeader("Authorization"));
        return credentials.nonce().replaceAll("^\\d+|\\d+$", "") + "/" + credentials.nc().orElse("none");
    }
}
