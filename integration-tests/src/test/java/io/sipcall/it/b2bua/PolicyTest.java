package io.sipcall.it.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.sipcall.it.ConfiguredB2bua;
import io.sipcall.it.sipp.FreePorts;
import io.sipcall.it.sipp.SipMessage;
import io.sipcall.it.sipp.SipMessage.Direction;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.Sipp.Transport;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.it.sipp.SippResult;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default route policy behind the toll-fraud guard, as {@code SipCallServer} wires them, between
 * real SIPp peers: the dialled number read as E.164 for a US caller, the route picked by the longest
 * E.164 prefix, the number written in each trunk's format behind its tech prefix, the trunk's caller
 * ID in From and P-Asserted-Identity; numbers that cannot be read refused with 484, and toll fraud
 * with 403, each with a reason phrase that says why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyTest {

    private static final Duration RUN = Duration.ofSeconds(20);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final String TRUNK_CALLER_ID = "+16505550100";
    private static final Pattern URI_USER = Pattern.compile("sips?:([^@;>]+)@");

    private final int nanpPort = FreePorts.udpAndTcp();
    private final int otherPort = FreePorts.udpAndTcp();

    private final ConfiguredB2bua b2bua = ConfiguredB2bua.with("""
            routing:
              default-country: US
            trunks:
              nanp: {host: 127.0.0.1, port: %1$d, transport: udp, number-format: e164-plus, caller-id: "%3$s"}
              uk: {host: 127.0.0.1, port: %2$d, transport: udp, number-format: e164, tech-prefix: "99"}
              nyc: {host: 127.0.0.1, port: %2$d, transport: udp, number-format: national}
            routes:
              - {prefix: "", trunks: [nanp]}
              - {prefix: "+1", trunks: [nanp]}
              - {prefix: "+1212", trunks: [nyc]}
              - {prefix: "+44", trunks: [uk]}
            toll-fraud:
              denied-countries: [FR]
              denied-prefixes: ["+4930"]
            """.formatted(nanpPort, otherPort, TRUNK_CALLER_ID)).policy(ConfiguredB2bua.Policy.DEFAULT).start();

    @BeforeEach
    void forgetEarlierCalls() {
        b2bua.startFresh();
    }

    @AfterAll
    void stop() {
        b2bua.close();
    }

    /** Places a call to {@code dialled} that the trunk on {@code trunkPort} answers; returns the INVITE it got. */
    private SipMessage inviteAtTrunk(String dialled, int trunkPort) {
        try (SippProcess trunk = Sipp.scenario("uas-answer.xml").localPort(trunkPort).start()) {
            b2bua.caller("uac-basic.xml", Transport.UDP, dialled).run(RUN).assertSucceeded();
            return trunk.awaitExit(RUN).assertSucceeded().messages().firstRequest(Direction.RECEIVED, "INVITE");
        }
    }

    private static String userOf(String uriOrNameAddr) {
        Matcher m = URI_USER.matcher(uriOrNameAddr);
        assertThat(m.find()).as("a SIP URI with a user part in %s", uriOrNameAddr).isTrue();
        return m.group(1);
    }

    /** The numbers below are what these tests take them for, in libphonenumber's metadata. */
    @ParameterizedTest(name = "{0} is {1} in {2}")
    @CsvSource({
        "6502530000, FIXED_LINE_OR_MOBILE, US",
        "2125550123, FIXED_LINE_OR_MOBILE, US",
        "+442079460018, FIXED_LINE, GB",
        "9005550123, PREMIUM_RATE, US",
        "+34901123456, SHARED_COST, ES",
        "+33142685300, FIXED_LINE, FR",
        "+49301234567, FIXED_LINE, DE",
    })
    void the_numbers_dialled_here_are_typed_as_assumed(String number, PhoneNumberType type, String region)
            throws NumberParseException {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneNumber parsed = util.parse(number, "US");

        assertThat(util.isValidNumber(parsed)).isTrue();
        assertThat(util.getNumberType(parsed)).isEqualTo(type);
        assertThat(util.getRegionCodeForNumber(parsed)).isEqualTo(region);
    }

    @Test
    void the_satellite_number_dialled_here_is_valid_and_in_plus_881() throws NumberParseException {
        PhoneNumber parsed = PhoneNumberUtil.getInstance().parse("011881612345678", "US");

        assertThat(PhoneNumberUtil.getInstance().isValidNumber(parsed)).isTrue();
        assertThat(parsed.getCountryCode()).isEqualTo(881);
    }

    @Test
    void a_us_national_number_reaches_the_trunk_in_e164_plus_with_the_trunks_caller_id() throws InterruptedException {
        SipMessage invite = inviteAtTrunk("6502530000", nanpPort);

        assertThat(userOf(invite.requestUri())).isEqualTo("+16502530000");
        assertThat(userOf(invite.requiredHeader("To"))).isEqualTo("+16502530000");
        assertThat(userOf(invite.requiredHeader("From"))).isEqualTo(TRUNK_CALLER_ID);
        assertThat(userOf(invite.requiredHeader("P-Asserted-Identity"))).isEqualTo(TRUNK_CALLER_ID);
        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).containsSubsequence("routed nanp", "answered");
    }

    @Test
    void the_longest_e164_prefix_wins_and_a_national_trunk_gets_the_national_number() throws InterruptedException {
        SipMessage invite = inviteAtTrunk("(212)555-0123", otherPort);

        // National form with the national prefix, which is 1 in the NANP (E164Number#formatted).
        assertThat(userOf(invite.requestUri())).isEqualTo("12125550123");
        assertThat(invite.header("P-Asserted-Identity")).as("nyc has no caller ID").isEmpty();
        assertThat(userOf(invite.requiredHeader("From"))).as("the caller's own user part").isEqualTo("caller");
        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).containsSubsequence("routed nyc", "answered");
    }

    /** From the US, international numbers are dialled with 011 or in E.164 (separators are ignored). */
    @ParameterizedTest
    @ValueSource(strings = {"011442079460018", "+442079460018", "+44-20-7946-0018"})
    void a_uk_number_takes_the_plus_44_route_in_e164_behind_the_tech_prefix(String dialled)
            throws InterruptedException {
        SipMessage invite = inviteAtTrunk(dialled, otherPort);

        assertThat(userOf(invite.requestUri())).isEqualTo("99442079460018");
        assertThat(userOf(invite.requiredHeader("To"))).isEqualTo("99442079460018");
        assertThat(b2bua.events().awaitOnlyCall(SETTLE)).containsSubsequence("routed uk", "answered");
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "123             | 484 | Address Incomplete: too short for US",
        "911             | 484 | Address Incomplete: emergency number 911 cannot be called through SIPCall",
        "abc             | 484 | Address Incomplete: not a phone number",
        "9005550123      | 403 | Forbidden: premium-rate numbers are blocked",
        "011881612345678 | 403 | Forbidden: satellite numbers are blocked",
        "01134901123456  | 403 | Forbidden: shared-cost numbers are blocked",
        "01133142685300  | 403 | Forbidden: destination country FR is blocked",
        "01149301234567  | 403 | Forbidden: prefix +4930 is blocked",
    })
    void a_number_that_is_not_callable_is_refused_with_a_reason_that_says_why(String dialled, int status,
            String reason) throws InterruptedException {
        SippResult caller = b2bua.caller("uac-expect-status.xml", Transport.UDP, dialled)
                .templateParam("status", Integer.toString(status)).run(RUN).assertSucceeded();

        assertThat(caller.messages().firstResponse(Direction.RECEIVED, status).startLine())
                .isEqualTo("SIP/2.0 " + status + " " + reason);
        assertThat(b2bua.events().awaitOnlyCall(SETTLE))
                .as("refused before any trunk: no routed event")
                .containsExactly("started UDP", "failed " + status, "ended REFUSED");
    }
}
