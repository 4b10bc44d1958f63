package io.sipcall.sip.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import io.sipcall.config.TrunkConfig.NumberFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dialled numbers as people write them, read by libphonenumber 9.0.19's metadata. */
class NumberNormaliserTest {

    private final NumberNormaliser numbers = new NumberNormaliser("US");

    private E164Number valid(String dialled, String country) {
        NumberNormaliser.Result result = numbers.normalise(dialled, country);
        assertThat(result).as("reading %s in %s", dialled, country).isInstanceOf(NumberNormaliser.Result.Valid.class);
        return ((NumberNormaliser.Result.Valid) result).number();
    }

    private String refusal(String dialled, String country) {
        NumberNormaliser.Result result = numbers.normalise(dialled, country);
        assertThat(result).as("reading %s in %s", dialled, country).isInstanceOf(NumberNormaliser.Result.Invalid.class);
        return ((NumberNormaliser.Result.Invalid) result).reason();
    }

    @ParameterizedTest(name = "{0} dialled in {1} is {2}")
    @CsvSource(delimiter = '|', value = {
        "+49 30 1234567        | DE | +49301234567",
        "030 1234567           | DE | +49301234567",
        "030/1234567           | DE | +49301234567",
        "+49 (0)30 1234567     | DE | +49301234567",
        "0049 30 1234567       | CH | +49301234567",
        "(212) 555-0123        | US | +12125550123",
        "212.555.0123          | US | +12125550123",
        "1-212-555-0123        | US | +12125550123",
        "+1 212 555 0123       | DE | +12125550123",
        "0044 20 7946 0018     | DE | +442079460018",
        "011 44 20 7946 0018   | US | +442079460018",
        "020 7946 0018         | GB | +442079460018",
        "00 33 1 23 45 67 89   | DE | +33123456789",
        "01 23 45 67 89        | FR | +33123456789",
        "+33 6 12 34 56 78     | GB | +33612345678",
    })
    void numbers_in_any_common_written_form_become_e164(String dialled, String country, String e164) {
        assertThat(valid(dialled, country).e164()).isEqualTo(e164);
    }

    @Test
    void national_numbers_are_read_in_the_callers_country() {
        assertThat(valid("030 1234567", "DE").e164()).isEqualTo("+49301234567");
        assertThat(refusal("030 1234567", "US")).startsWith("Address Incomplete: ");
    }

    @ParameterizedTest(name = "\"{0}\" in {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "''                    | US | Address Incomplete: empty",
        "'   '                 | US | Address Incomplete: empty",
        "abc                   | US | Address Incomplete: not a phone number",
        "1-800-FLOWERS         | US | Address Incomplete: not a phone number",
        "*31#                  | DE | Address Incomplete: not a phone number",
        "+                     | US | Address Incomplete: no digits",
        "0                     | DE | Address Incomplete: too short",
        "030                   | DE | Address Incomplete: too short for DE",
        "+4930                 | DE | Address Incomplete: too short for DE",
        "123456789012345678    | US | Address Incomplete: too long for US",
        "+49 30 1234567890123456 | DE | Address Incomplete: too long",
        "+999 1234567          | US | Address Incomplete: unknown country code",
        "0049 30 1234567       | US | Address Incomplete: too long for US",
        "+1 555 555 0123       | US | Address Incomplete: not a valid number for US",
        "+49 1234              | DE | Address Incomplete: not a valid number for DE",
    })
    void junk_and_incomplete_numbers_are_refused_saying_why(String dialled, String country, String reason) {
        assertThat(refusal(dialled, country)).isEqualTo(reason);
    }

    @Test
    void the_refusal_is_a_484() {
        NumberNormaliser.Result.Invalid invalid = (NumberNormaliser.Result.Invalid) numbers.normalise("030", "DE");

        assertThat(invalid.reject().status()).isEqualTo(484);
        assertThat(invalid.reject().reason()).isEqualTo("Address Incomplete: too short for DE");
    }

    @Test
    void emergency_numbers_are_refused_with_a_reason_of_their_own() {
        assertThat(refusal("112", "DE")).isEqualTo("Address Incomplete: emergency number 112 cannot be called through SIPCall");
        assertThat(refusal("911", "US")).isEqualTo("Address Incomplete: emergency number 911 cannot be called through SIPCall");
        assertThat(refusal("999", "GB")).isEqualTo("Address Incomplete: emergency number 999 cannot be called through SIPCall");
    }

    @Test
    void other_short_codes_are_refused_as_short_codes() {
        assertThat(refusal("11833", "DE")).isEqualTo("Address Incomplete: short codes are not supported");
        assertThat(refusal("411", "US")).isEqualTo("Address Incomplete: short codes are not supported");
    }

    @Test
    void a_valid_number_knows_its_country_and_type() {
        E164Number berlin = valid("+49 30 1234567", "US");
        assertThat(berlin.countryCode()).isEqualTo(49);
        assertThat(berlin.region()).isEqualTo("DE");
        assertThat(berlin.type()).isEqualTo(PhoneNumberType.FIXED_LINE);
        assertThat(valid("+1 876 234 5678", "US").region()).isEqualTo("JM");
        assertThat(valid("+881 6 123 45678", "US").isNonGeographic()).isTrue();
    }

    @ParameterizedTest(name = "{0} as {1} from {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "+12125550123  | E164_PLUS | US | +12125550123",
        "+12125550123  | E164      | US | 12125550123",
        "+12125550123  | NATIONAL  | US | 12125550123",
        "+49301234567  | NATIONAL  | DE | 0301234567",
        "+442079460018 | NATIONAL  | GB | 02079460018",
        "+33123456789  | NATIONAL  | FR | 0123456789",
        "+442079460018 | NATIONAL  | DE | 00442079460018",
        "+49301234567  | NATIONAL  | US | 01149301234567",
    })
    void a_number_is_written_the_way_a_trunk_wants_it(String e164, NumberFormat format, String home, String written) {
        assertThat(valid(e164, "US").formatted(format, home)).isEqualTo(written);
    }

    @Test
    void a_number_prints_masked() {
        assertThat(valid("+49 30 1234567", "US")).hasToString("+49*******67");
    }

    @Test
    void the_users_country_comes_from_config_and_unknown_countries_are_refused_at_start() {
        assertThat(NumberNormaliser.country(" de ", "routing.default-country")).isEqualTo("DE");
        assertThatThrownBy(() -> new NumberNormaliser("XX"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routing.default-country");
    }
}
