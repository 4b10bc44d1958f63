package io.sipcall.it.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.it.B2buaUnderTest;
import io.sipcall.it.sipp.SipMessage;
import io.sipcall.it.sipp.SipMessage.Direction;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.it.sipp.SippResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A trunk that challenges our INVITE: answered once, correctly, and never in a loop. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrunkAuthTest {

    private static final Duration RUN = Duration.ofSeconds(30);
    private static final String USER = "trunkuser";
    private static final String PASSWORD = "s3cret-pass";

    private final B2buaUnderTest b2bua = B2buaUnderTest.withTrunkCredentials(USER, PASSWORD);

    @BeforeEach
    void fresh() {
        b2bua.startFresh();
    }

    @AfterAll
    void stop() {
        b2bua.close();
    }


    @Test
    void a_401_on_invite_is_answered_with_credentials_the_trunk_verifies() throws InterruptedException {
        try (SippProcess challenger = b2bua.callee("uas-challenge-invite.xml", Sipp.Transport.UDP)
                .templateParam("user", USER).templateParam("password", PASSWORD).start()) {
            b2bua.caller("uac-basic.xml", Sipp.Transport.UDP, B2buaUnderTest.numberVia(Sipp.Transport.UDP))
                    .run(RUN).assertSucceeded();
            SippResult trunkSide = challenger.awaitExit(RUN).assertSucceeded();

            List<SipMessage> invites = trunkSide.messages().requests(Direction.RECEIVED, "INVITE");
            assertThat(invites).hasSize(2);
            assertThat(invites.get(1).callId()).isEqualTo(invites.get(0).callId());
            assertThat(invites.get(1).fromTag()).isEqualTo(invites.get(0).fromTag());
            assertThat(cseq(invites.get(1))).isEqualTo(cseq(invites.get(0)) + 1);
        }
        // A challenge is not a failed call.
        assertThat(b2bua.events().awaitOnlyCall(Duration.ofSeconds(10)))
                .doesNotContain("failed 401").endsWith("answered", "ended CALLER_HANGUP");
    }

    @Test
    void a_407_on_invite_is_answered_with_a_correct_proxy_authorization() throws Exception {
        try (SippProcess challenger = b2bua.callee("uas-proxy-challenge-invite.xml", Sipp.Transport.UDP).start()) {
            b2bua.caller("uac-basic.xml", Sipp.Transport.UDP, B2buaUnderTest.numberVia(Sipp.Transport.UDP))
                    .run(RUN).assertSucceeded();
            SippResult trunkSide = challenger.awaitExit(RUN).assertSucceeded();

            SipMessage challenge = trunkSide.messages().firstResponse(Direction.SENT, 407);
            SipMessage retry = trunkSide.messages().requests(Direction.RECEIVED, "INVITE").get(1);
            Map<String, String> auth = params(retry.requiredHeader("Proxy-Authorization"));
            String nonce = params(challenge.requiredHeader("Proxy-Authenticate")).get("nonce");
            assertThat(auth).containsEntry("username", USER).containsEntry("realm", "trunk.test")
                    .containsEntry("nonce", nonce).containsEntry("qop", "auth").containsEntry("nc", "00000001")
                    .containsEntry("uri", retry.requestUri());
            // Recomputed here, independently of SIPCall's digest code (RFC 2617 3.2.2.1).
            String ha1 = md5(USER + ":trunk.test:" + PASSWORD);
            String ha2 = md5("INVITE:" + retry.requestUri());
            assertThat(auth.get("response")).isEqualTo(
                    md5(ha1 + ":" + nonce + ":" + auth.get("nc") + ":" + auth.get("cnonce") + ":auth:" + ha2));
        }
    }

    @Test
    void a_second_challenge_ends_the_attempt_without_looping() throws InterruptedException {
        try (SippProcess challenger = b2bua.callee("uas-challenge-forever.xml", Sipp.Transport.UDP).start()) {
            b2bua.caller("uac-expect-status.xml", Sipp.Transport.UDP, B2buaUnderTest.numberVia(Sipp.Transport.UDP))
                    .templateParam("status", "503").run(RUN).assertSucceeded();
            SippResult trunkSide = challenger.awaitExit(RUN).assertSucceeded();

            assertThat(trunkSide.messages().requests(Direction.RECEIVED, "INVITE")).hasSize(2);
        }
        assertThat(b2bua.events().awaitOnlyCall(Duration.ofSeconds(10))).endsWith("failed 503", "ended REJECTED");
    }

    private static long cseq(SipMessage message) {
        return Long.parseLong(message.requiredHeader("CSeq").trim().split("\\s+")[0]);
    }

    private static final Pattern PARAM = Pattern.compile("(\\w+)=(\"([^\"]*)\"|[^,\\s]+)");

    private static Map<String, String> params(String header) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
        }
        return params;
    }

    private static String md5(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
