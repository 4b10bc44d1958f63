package io.sipcall.media.esl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(1);

    @Test
    void the_delay_doubles_per_failure_up_to_the_cap() {
        Backoff backoff = new Backoff(INITIAL, MAX, 0.2, () -> 0.0);

        assertThat(millis(backoff, 0, 1, 2, 3, 4, 5)).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
        assertThat(backoff.delay(100_000)).as("no overflow").isEqualTo(MAX);
    }

    @Test
    void jitter_shortens_each_delay_by_at_most_its_share() {
        Backoff most = new Backoff(INITIAL, MAX, 0.2, () -> 0.999_999);
        Backoff half = new Backoff(INITIAL, MAX, 0.2, () -> 0.5);

        assertThat(millis(most, 0, 3, 9)).containsExactly(80L, 640L, 800L);
        assertThat(millis(half, 0, 3, 9)).containsExactly(90L, 720L, 900L);
    }

    private static long[] millis(Backoff backoff, int... failures) {
        long[] delays = new long[failures.length];
        for (int i = 0; i < failures.length; i++) {
            delays[i] = backoff.delay(failures[i]).toMillis();
        }
        return delays;
    }
}
