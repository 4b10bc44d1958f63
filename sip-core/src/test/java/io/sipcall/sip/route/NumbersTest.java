package io.sipcall.sip.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void masking_keeps_the_country_code_and_the_last_two_digits() {
        assertThat(Numbers.masked("+49301234567")).isEqualTo("+49*******67");
        assertThat(Numbers.masked("+12125550123")).isEqualTo("+1********23");
        assertThat(Numbers.masked("+881612345678")).isEqualTo("+881*******78");
        assertThat(Numbers.masked("+353123456")).isEqualTo("+353****56");
    }

    @Test
    void masking_something_that_is_not_e164_keeps_only_its_last_two_characters() {
        assertThat(Numbers.masked("030 1234567")).isEqualTo("*********67");
        assertThat(Numbers.masked("7")).isEqualTo("7");
        assertThat(Numbers.masked("")).isEmpty();
        assertThat(Numbers.masked("+49")).isEqualTo("+49");
    }

    @Test
    void configured_prefixes_are_e164_with_or_without_the_plus() {
        assertThat(Numbers.e164Prefix("+49", "k")).isEqualTo("+49");
        assertThat(Numbers.e164Prefix("49", "k")).isEqualTo("+49");
        assertThat(Numbers.e164Prefix("+1 212", "k")).isEqualTo("+1212");
        assertThat(Numbers.e164Prefix("", "k")).isEmpty();
        assertThat(Numbers.e164Prefix("+", "k")).isEmpty();
    }

    @Test
    void a_prefix_that_is_not_digits_is_refused_naming_its_key() {
        assertThatThrownBy(() -> Numbers.e164Prefix("+49x", "routes[2].prefix"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routes[2].prefix");
    }

    @Test
    void a_prefix_with_a_leading_zero_is_refused_as_national_or_international_dialling() {
        assertThatThrownBy(() -> Numbers.e164Prefix("0049", "toll-fraud.denied-prefixes[0]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("toll-fraud.denied-prefixes[0]")
                .hasMessageContaining("never start with 0");
    }
}
