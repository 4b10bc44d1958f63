package io.sipcall.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AuthFailureGuardTest {

    static final Duration WINDOW = Duration.ofSeconds(60);
    static final Duration BLOCK = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final AuthFailureGuard guard = new AuthFailureGuard(3, WINDOW, BLOCK, clock);

    @Test
    void a_source_is_blocked_on_reaching_the_limit_within_the_window() {
        guard.failed("192.0.2.1");
        guard.failed("192.0.2.1");
        assertThat(guard.blocked("192.0.2.1")).isFalse();

        guard.failed("192.0.2.1");
        assertThat(guard.blocked("192.0.2.1")).isTrue();
        assertThat(guard.blocked("192.0.2.2")).as("another source").isFalse();
    }

    @Test
    void the_block_ends_after_block_for_and_the_count_starts_again() {
        failTimes("192.0.2.1", 3);
        clock.advance(BLOCK.minusSeconds(1));
        assertThat(guard.blocked("192.0.2.1")).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(guard.blocked("192.0.2.1")).isFalse();
        guard.failed("192.0.2.1");
        assertThat(guard.blocked("192.0.2.1")).isFalse();
    }

    @Test
    void failures_spread_wider_than_the_window_do_not_block() {
        for (int i = 0; i < 10; i++) {
            guard.failed("192.0.2.1");
            clock.advance(WINDOW.dividedBy(2).plusSeconds(1));
        }

        assertThat(guard.blocked("192.0.2.1")).isFalse();
    }

    @Test
    void a_success_forgets_earlier_failures_but_does_not_lift_a_block() {
        failTimes("192.0.2.1", 2);
        guard.succeeded("192.0.2.1");
        failTimes("192.0.2.1", 2);
        assertThat(guard.blocked("192.0.2.1")).isFalse();

        guard.failed("192.0.2.1");
        guard.succeeded("192.0.2.1");
        assertThat(guard.blocked("192.0.2.1")).isTrue();
    }

    @Test
    void failures_during_a_block_do_not_extend_it() {
        failTimes("192.0.2.1", 3);
        clock.advance(BLOCK.minusSeconds(1));
        guard.failed("192.0.2.1");
        clock.advance(Duration.ofSeconds(1));

        assertThat(guard.blocked("192.0.2.1")).isFalse();
    }

    @Test
    void memory_is_bounded_and_a_flood_of_new_sources_does_not_free_a_blocked_one() {
        AuthFailureGuard small = new AuthFailureGuard(3, WINDOW, BLOCK, clock, 100);
        for (int i = 0; i < 3; i++) {
            small.failed("attacker");
        }
        for (int i = 0; i < 1_000; i++) {
            small.failed("10.0." + i / 256 + "." + i % 256);
        }

        assertThat(small.size()).isLessThanOrEqualTo(100);
        assertThat(small.blocked("attacker")).isTrue();
    }

    @Test
    void finished_entries_are_dropped_first() {
        AuthFailureGuard small = new AuthFailureGuard(3, WINDOW, BLOCK, clock, 10);
        for (int i = 0; i < 10; i++) {
            small.failed("old-" + i);
        }
        clock.advance(WINDOW);
        small.failed("new");

        assertThat(small.size()).isEqualTo(1);
    }

    @Test
    void concurrent_failures_from_many_threads_are_all_counted() throws InterruptedException {
        AuthFailureGuard guard = new AuthFailureGuard(400, WINDOW, BLOCK, clock);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < 50; i++) {
                    guard.failed("192.0.2.9");
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertThat(guard.blocked("192.0.2.9")).as("8 x 50 = 400 failures reach the limit").isTrue();
    }

    private void failTimes(String source, int times) {
        for (int i = 0; i < times; i++) {
            guard.failed(source);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
