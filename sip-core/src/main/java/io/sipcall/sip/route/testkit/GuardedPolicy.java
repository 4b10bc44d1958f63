package io.sipcall.sip.route.testkit;

import io.sipcall.config.Transport;
import io.sipcall.config.TollFraudConfig;
import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.EndReason;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.port.RouteRequest;
import io.sipcall.sip.route.NumberNormaliser;
import io.sipcall.sip.route.TollFraudGuard;
import io.sipcall.sip.route.UsageLedger;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.Optional;

/**
 * A policy behind the toll-fraud guard, as the B2BUA runs it, with the guard's ledger and a
 * {@link TestClock} in reach so tests can put users at their limits.
 *
 * <p>Routing a test call through it does what the B2BUA does around the policy: the ledger hears
 * {@code onStarted} first (so the call counts towards the user's calls in progress), then the guard
 * decides, then the call ends at once, unanswered, costing nothing. Calls that stay in progress and
 * calls that cost money are made with {@link #callsInProgress} and {@link #answeredCall}.
 *
 * <p>Each configuring method ({@link #with}, {@link #defaultCountry}, {@link #currency}) returns a new
 * guarded policy with an empty ledger; the ledger and the clock are the mutable parts.
 */
public final class GuardedPolicy implements RoutePolicy {

    /** Where the clock of a new guarded policy stands: a Monday morning, UTC. */
    public static final String START = "2026-06-01T09:00:00Z";

    private final RoutePolicy inner;
    private final TollFraudConfig config;
    private final String defaultCountry;
    private final TestClock clock;
    private final UsageLedger ledger;
    private final TollFraudGuard guard;

    private GuardedPolicy(RoutePolicy inner, TollFraudConfig config, String defaultCountry, Currency currency) {
        this.inner = inner;
        this.config = config;
        this.defaultCountry = defaultCountry;
        this.clock = TestClock.at(START);
        this.ledger = new UsageLedger(currency, clock);
        this.guard = new TollFraudGuard(inner, config, new NumberNormaliser(defaultCountry), ledger);
    }

    static GuardedPolicy around(RoutePolicy inner) {
        return new GuardedPolicy(inner, TollFraudConfig.DEFAULT, "US", Currency.getInstance("USD"));
    }

    /** The same policy behind a guard configured so. */
    public GuardedPolicy with(TollFraudBuilder tollFraud) {
        return with(tollFraud.build());
    }

    public GuardedPolicy with(TollFraudConfig tollFraud) {
        return new GuardedPolicy(inner, tollFraud, defaultCountry, ledger.currency());
    }

    /** {@code routing.default-country} as the guard reads numbers (use the inner policy's). */
    public GuardedPolicy defaultCountry(String isoCountry) {
        return new GuardedPolicy(inner, config, isoCountry, ledger.currency());
    }

    /** The rates' currency, in which spend caps are counted. */
    public GuardedPolicy currency(String code) {
        return new GuardedPolicy(inner, config, defaultCountry, Currency.getInstance(code));
    }

    public UsageLedger ledger() {
        return ledger;
    }

    public TestClock clock() {
        return clock;
    }

    @Override
    public RouteDecision route(RouteRequest request) {
        ledger.onStarted(request.callId(), start(request.dialled(), request.user().map(Directory.User::id)));
        try {
            return guard.route(request);
        } finally {
            ledger.onEnded(request.callId(), EndReason.REFUSED);
        }
    }

    /** Starts {@code calls} calls of the user that stay in progress. */
    public GuardedPolicy callsInProgress(String userId, int calls) {
        for (int i = 0; i < calls; i++) {
            ledger.onStarted(CallId.random(), start("+12125550123", Optional.of(userId)));
        }
        return this;
    }

    /**
     * Plays a whole answered call of the user on the ledger: routed to a trunk at this price, answered
     * now, ended after {@code talkTime}. The clock moves forward by {@code talkTime}.
     */
    public GuardedPolicy answeredCall(String userId, String pricePerMinute, Duration talkTime) {
        CallId id = CallId.random();
        ledger.onStarted(id, start("+12125550123", Optional.of(userId)));
        ledger.onRouted(id, new RouteDecision.Target("trunk", "192.0.2.2", 5060, Transport.UDP, "+12125550123",
                Optional.empty(), Optional.of(new BigDecimal(pricePerMinute))));
        ledger.onAnswered(id);
        clock.advance(talkTime);
        ledger.onEnded(id, EndReason.CALLER_HANGUP);
        return this;
    }

    private static CallEventSink.CallStart start(String dialled, Optional<String> userId) {
        return new CallEventSink.CallStart(userId.orElse("anonymous"), dialled, "TLS", userId);
    }
}
