package io.sipcall.sip.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RegistrationTimingsTest {

    private final RegistrationTimings production = RegistrationTimings.DEFAULT;

    @Test
    void a_binding_is_refreshed_at_half_its_lifetime() {
        assertThat(production.refreshDelay(Duration.ofSeconds(3600))).isEqualTo(Duration.ofSeconds(1800));
        assertThat(production.refreshDelay(Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void the_refresh_interval_never_goes_below_the_floor() {
        assertThat(production.refreshDelay(Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(30));
        assertThat(production.refreshDelay(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_test_floor_lets_a_two_second_grant_refresh_after_one_second() {
        RegistrationTimings fast = production.withRefreshFloor(Duration.ofSeconds(1));

        assertThat(fast.refreshDelay(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
        assertThat(fast.firstRetry()).isEqualTo(production.firstRetry());
    }

    @Test
    void retries_back_off_from_30_seconds_doubling_up_to_5_minutes() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(production::retryDelay).map(Duration::toSeconds))
                .containsExactly(30L, 60L, 120L, 240L, 300L, 300L, 300L, 300L);
        assertThat(production.retryDelay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void durations_must_be_positive() {
        assertThatThrownBy(() -> production.withRefreshFloor(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshFloor");
    }
}
