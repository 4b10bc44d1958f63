package io.sipcall.sip.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.Transport;
import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.CallEventSink.CallStart;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.EndReason;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.route.testkit.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The ledger driven only through CallEventSink events, as the B2BUA drives it. */
class UsageLedgerTest {

    private static final Currency USD = Currency.getInstance("USD");

    private final TestClock clock = TestClock.at("2026-06-01T12:00:00Z");
    private final UsageLedger ledger = new UsageLedger(USD, clock);
    private final CallEventSink sink = ledger;

    private CallId started(String user) {
        CallId id = CallId.random();
        sink.onStarted(id, new CallStart(user, "+12125550123", "TLS", Optional.of(user)));
        return id;
    }

    private static RouteDecision.Target target(String price) {
        return new RouteDecision.Target("telnyx", "sip.telnyx.com", 5060, Transport.UDP, "+12125550123",
                Optional.empty(), Optional.ofNullable(price).map(BigDecimal::new));
    }

    private void talk(String user, String price, Duration talkTime) {
        CallId id = started(user);
        sink.onRouted(id, target(price));
        sink.onAnswered(id);
        clock.advance(talkTime);
        sink.onEnded(id, EndReason.CALLEE_HANGUP);
    }

    @Test
    void a_started_call_is_in_progress_until_it_ends() {
        CallId first = started("alice");
        CallId second = started("alice");
        started("bob");

        assertThat(ledger.activeCalls("alice")).isEqualTo(2);
        sink.onEnded(first, EndReason.CALLER_HANGUP);
        assertThat(ledger.activeCalls("alice")).isEqualTo(1);
        sink.onEnded(second, EndReason.REFUSED);
        assertThat(ledger.activeCalls("alice")).isZero();
        assertThat(ledger.activeCalls("bob")).isEqualTo(1);
        assertThat(ledger.activeCalls("carol")).isZero();
    }

    @Test
    void calls_without_a_user_and_repeated_or_unknown_events_change_nothing() {
        CallId anonymous = CallId.random();
        sink.onStarted(anonymous, new CallStart("gw", "+12125550123", "TLS", Optional.empty()));
        CallId id = started("alice");
        sink.onStarted(id, new CallStart("alice", "+12125550123", "TLS", Optional.of("alice")));
        sink.onEnded(CallId.random(), EndReason.CALLER_HANGUP);
        sink.onAnswered(CallId.random());

        assertThat(ledger.activeCalls("alice")).isEqualTo(1);
        sink.onEnded(id, EndReason.CALLER_HANGUP);
        sink.onEnded(id, EndReason.CALLER_HANGUP);
        assertThat(ledger.activeCalls("alice")).isZero();
    }

    @Test
    void an_answered_call_costs_its_rate_per_started_second() {
        talk("alice", "0.0100", Duration.ofMillis(61_200));

        assertThat(UsageLedger.cost(new BigDecimal("0.0100"), Duration.ofMillis(61_200), USD)).isEqualByComparingTo("0.01033334");
        assertThat(ledger.spentToday("alice")).isEqualTo(new BigDecimal("0.02"));
    }

    @Test
    void billing_stops_when_the_hangup_is_decided_not_when_the_legs_are_finally_gone() {
        CallId id = started("alice");
        sink.onRouted(id, target("0.6000"));
        sink.onAnswered(id);
        clock.advance(Duration.ofSeconds(10));
        sink.onEnding(id, EndReason.CALLER_HANGUP);
        clock.advance(Duration.ofSeconds(32));
        sink.onEnded(id, EndReason.CALLER_HANGUP);

        assertThat(ledger.spentToday("alice")).as("10 s at 0.60/min, not 42 s").isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void billing_is_per_second_rounded_up_with_a_one_second_minimum() {
        BigDecimal perMinute = new BigDecimal("0.60");

        assertThat(UsageLedger.cost(perMinute, Duration.ZERO, USD)).isEqualByComparingTo("0.01");
        assertThat(UsageLedger.cost(perMinute, Duration.ofMillis(1), USD)).isEqualByComparingTo("0.01");
        assertThat(UsageLedger.cost(perMinute, Duration.ofMillis(1_000), USD)).isEqualByComparingTo("0.01");
        assertThat(UsageLedger.cost(perMinute, Duration.ofMillis(1_001), USD)).isEqualByComparingTo("0.02");
        assertThat(UsageLedger.cost(perMinute, Duration.ofMinutes(1), USD)).isEqualByComparingTo("0.60");
    }

    @Test
    void small_costs_add_up_exactly_and_the_day_is_rounded_once() {
        for (int i = 0; i < 100; i++) {
            talk("alice", "0.0060", Duration.ofSeconds(10));
        }

        assertThat(ledger.spentToday("alice")).isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void spend_is_in_the_minor_unit_of_the_currency() {
        UsageLedger yen = new UsageLedger(Currency.getInstance("JPY"), clock);
        CallId id = CallId.random();
        yen.onStarted(id, new CallStart("alice", "+81312345678", "TLS", Optional.of("alice")));
        yen.onRouted(id, target("3"));
        yen.onAnswered(id);
        clock.advance(Duration.ofSeconds(90));
        yen.onEnded(id, EndReason.CALLER_HANGUP);

        assertThat(yen.spentToday("alice")).isEqualTo(new BigDecimal("5"));
        assertThat(ledger.spentToday("nobody")).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void unanswered_and_unrated_calls_cost_nothing() {
        CallId unanswered = started("alice");
        sink.onRouted(unanswered, target("1.00"));
        clock.advance(Duration.ofMinutes(1));
        sink.onEnded(unanswered, EndReason.NO_ANSWER);
        talk("alice", null, Duration.ofMinutes(10));

        assertThat(ledger.spentToday("alice")).isZero();
    }

    @Test
    void after_failover_the_rate_of_the_trunk_that_answered_counts() {
        CallId id = started("alice");
        sink.onRouted(id, target("0.0085"));
        sink.onRouted(id, target("0.60"));
        sink.onAnswered(id);
        clock.advance(Duration.ofMinutes(1));
        sink.onEnded(id, EndReason.CALLER_HANGUP);

        assertThat(ledger.spentToday("alice")).isEqualTo(new BigDecimal("0.60"));
    }

    @Test
    void a_call_counts_on_the_utc_day_it_was_answered_and_past_days_are_dropped() {
        clock.set(java.time.Instant.parse("2026-06-01T23:50:00Z"));
        CallId overMidnight = started("alice");
        sink.onRouted(overMidnight, target("1.00"));
        sink.onAnswered(overMidnight);

        clock.set(java.time.Instant.parse("2026-06-02T00:10:00Z"));
        talk("alice", "0.50", Duration.ofMinutes(2));
        assertThat(ledger.spentToday("alice")).isEqualTo(new BigDecimal("1.00"));

        clock.set(java.time.Instant.parse("2026-06-02T00:30:00Z"));
        sink.onEnded(overMidnight, EndReason.CALLER_HANGUP);
        assertThat(ledger.spentToday("alice")).isEqualTo(new BigDecimal("1.00"));

        clock.set(java.time.Instant.parse("2026-06-03T00:00:00Z"));
        assertThat(ledger.spentToday("alice")).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void a_call_answered_before_midnight_and_ended_after_counts_for_the_day_before() {
        clock.set(java.time.Instant.parse("2026-06-01T23:55:00Z"));
        talk("alice", "1.00", Duration.ofMinutes(10));

        assertThat(ledger.spentToday("alice")).isEqualTo(new BigDecimal("0.00"));
        clock.set(java.time.Instant.parse("2026-06-01T23:59:59Z"));
        assertThat(ledger.spentToday("alice")).isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void the_currency_comes_from_the_rates() {
        assertThat(UsageLedger.forRates(List.of(new io.sipcall.config.RateConfig("+49", "t", BigDecimal.ONE, "EUR")), clock)
                .currency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(UsageLedger.forRates(List.of(), clock).currency().getCurrencyCode()).isEqualTo("USD");
    }

    @Test
    void events_of_many_calls_on_many_threads_leave_exact_counts_and_spend() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        CallId id = started("alice");
                        sink.onRouted(id, target("0.60"));
                        sink.onAnswered(id);
                        sink.onEnded(id, EndReason.CALLER_HANGUP);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(ledger.activeCalls("alice")).isZero();
        assertThat(ledger.spentToday("alice")).isEqualTo(new BigDecimal("40.00"));
    }
}
