package io.sipcall.app;

import io.sipcall.config.MediaConfig;
import io.sipcall.config.SipCallConfig;
import io.sipcall.config.Transport;
import io.sipcall.media.PassthroughMediaAnchor;
import io.sipcall.sip.B2bua;
import io.sipcall.sip.B2buaStats;
import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.MediaAnchor;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.registration.RegistrationTimings;
import io.sipcall.sip.registration.TrunkRegistrations;
import io.sipcall.sip.route.DefaultRoutePolicy;
import io.sipcall.sip.route.TollFraudGuard;
import io.sipcall.sip.route.UsageLedger;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** One running SIPCall instance: its storage, the B2BUA, and the adapters it is wired to. */
public final class SipCallServer implements AutoCloseable {

    private final Storage storage;
    private final B2bua b2bua;

    private SipCallServer(Storage storage, B2bua b2bua) {
        this.storage = storage;
        this.b2bua = b2bua;
    }

    /**
     * Starts an instance on {@code config}: the directory in the database (seeded from the
     * configuration), the default route policy following it, call records written to the database.
     */
    public static SipCallServer start(SipCallConfig config) {
        return start(config, Optional.empty(), Optional.empty(), CallEventSink.NONE, RegistrationTimings.DEFAULT);
    }

    /**
     * Starts an instance on {@code config} with {@code policy} instead of the default one (always behind
     * the toll-fraud guard) and {@code events} told of every call after the call records and the usage
     * ledger.
     */
    public static SipCallServer start(SipCallConfig config, RoutePolicy policy, CallEventSink events) {
        return start(config, Optional.empty(), Optional.of(policy), events, RegistrationTimings.DEFAULT);
    }

    /**
     * Starts an instance with {@code directory} instead of the database's (tests that build trunks in
     * code), {@code policy}, {@code events} and registration timings (tests shorten them). Call records
     * and registrations still go to the database.
     */
    public static SipCallServer start(SipCallConfig config, Directory directory, RoutePolicy policy,
            CallEventSink events, RegistrationTimings registrationTimings) {
        return start(config, Optional.of(directory), Optional.of(policy), events, registrationTimings);
    }

    private static SipCallServer start(SipCallConfig config, Optional<Directory> givenDirectory,
            Optional<RoutePolicy> givenPolicy, CallEventSink events, RegistrationTimings registrationTimings) {
        Storage storage = Storage.open(config);
        try {
            Directory directory = givenDirectory.orElse(storage.directory());
            RoutePolicy policy = givenPolicy.orElseGet(() -> DefaultRoutePolicy.following(config, directory));
            UsageLedger ledger = UsageLedger.forRates(directory.rates(), Clock.systemUTC());
            storage.restoreSpend(ledger, Clock.systemUTC());
            B2bua b2bua = new B2bua(config.sip(), config.dataDir(), config.gateway(), directory,
                    TollFraudGuard.around(policy, config, ledger), mediaAnchor(config.media()),
                    CallEventSink.all(ledger, storage.recorder(config, directory), events), registrationTimings,
                    storage.registrations());
            b2bua.start();
            return new SipCallServer(storage, b2bua);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    private static MediaAnchor mediaAnchor(MediaConfig media) {
        return switch (media.anchor()) {
            case PASSTHROUGH -> new PassthroughMediaAnchor();
        };
    }

    /** SIP ports listened on, by transport. */
    public Map<Transport, Integer> sipPorts() {
        return b2bua.listening();
    }

    /** Where gateway-side users are registered (SIPCall is their registrar). */
    public io.sipcall.sip.port.Registrations userRegistrations() {
        return b2bua.userRegistrations();
    }

    /** Trunk registrations and their status. */
    public TrunkRegistrations registrations() {
        return b2bua.registrations();
    }

    /** Active calls, dialogs and transactions. */
    public B2buaStats stats() {
        return b2bua.stats();
    }

    /** The database and the adapters on it. */
    public Storage storage() {
        return storage;
    }

    /** Ends the calls (their records are written), then closes the storage. */
    @Override
    public void close() {
        try {
            b2bua.close();
        } finally {
            storage.close();
        }
    }
}
