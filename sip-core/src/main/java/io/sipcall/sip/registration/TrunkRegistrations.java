package io.sipcall.sip.registration;

import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.call.ScheduledCallTimers;
import io.sipcall.sip.call.SerialExecutor;
import io.sipcall.sip.session.CallRegistry;
import io.sipcall.sip.session.SipContext;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registrations of every trunk with {@code registration.enabled}, one {@link TrunkRegistration} each. */
public final class TrunkRegistrations {

    private static final Logger LOG = LoggerFactory.getLogger(TrunkRegistrations.class);
    private static final TrunkRegistrations NONE = new TrunkRegistrations(Map.of(), new CallRegistry());

    private final Map<String, TrunkRegistration> byTrunk;
    private final CallRegistry registry;

    private TrunkRegistrations(Map<String, TrunkRegistration> byTrunk, CallRegistry registry) {
        this.byTrunk = Collections.unmodifiableMap(new TreeMap<>(byTrunk));
        this.registry = registry;
    }

    /** No registrations (before the B2BUA starts). */
    public static TrunkRegistrations none() {
        return NONE;
    }

    /**
     * Starts a registration for every trunk that asks for one, each on its own serial executor over
     * {@code pool}, its Call-ID registered with {@code registry} so the dispatcher routes its
     * responses to it.
     */
    public static TrunkRegistrations start(SipContext ctx, CallRegistry registry, Map<String, TrunkConfig> trunks,
            Executor pool, ScheduledExecutorService scheduler, RegistrationTimings timings,
            RegistrationHandler handler) {
        Map<String, TrunkRegistration> started = new TreeMap<>();
        trunks.forEach((name, trunk) -> {
            if (!trunk.registration().enabled()) {
                return;
            }
            String callId = SipContext.token() + SipContext.token();
            SerialExecutor executor = new SerialExecutor(pool, "register-" + name);
            TrunkRegistration registration = new TrunkRegistration(name, trunk, callId,
                    new TrunkRegistration.Dependencies(ctx, executor, new ScheduledCallTimers(scheduler, executor),
                            Clock.systemUTC(), timings, handler));
            if (registry.register(callId, new CallRegistry.Entry(executor, registration))) {
                started.put(name, registration);
            }
        });
        if (!started.isEmpty()) {
            LOG.info("registering to {} trunk(s): {}", started.size(), started.keySet());
        }
        started.values().forEach(TrunkRegistration::start);
        return new TrunkRegistrations(started, registry);
    }

    /** Every registration's latest status, by trunk name. */
    public List<RegistrationStatus> status() {
        return byTrunk.values().stream().map(TrunkRegistration::status).toList();
    }

    /** One trunk's status, if it registers. */
    public Optional<RegistrationStatus> status(String trunk) {
        return Optional.ofNullable(byTrunk.get(trunk)).map(TrunkRegistration::status);
    }

    /**
     * Removes every binding ({@code Expires: 0}) and stops refreshing; completes when all are answered
     * or given up (each within {@link RegistrationTimings#unregisterBound()}). Never fails.
     */
    public CompletableFuture<Void> unregisterAll() {
        return CompletableFuture.allOf(byTrunk.values().stream()
                .map(registration -> registration.unregister()
                        .whenComplete((done, error) -> registry.remove(registration.callId())))
                .toArray(CompletableFuture[]::new));
    }
}
