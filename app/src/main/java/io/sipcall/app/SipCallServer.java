package io.sipcall.app;

import io.sipcall.config.MediaConfig;
import io.sipcall.config.SipCallConfig;
import io.sipcall.config.Transport;
import io.sipcall.media.PassthroughMediaAnchor;
import io.sipcall.sip.B2bua;
import io.sipcall.sip.B2buaStats;
import io.sipcall.sip.directory.ConfigDirectory;
import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.MediaAnchor;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.route.DefaultRoutePolicy;
import io.sipcall.sip.route.TollFraudGuard;
import io.sipcall.sip.route.UsageLedger;
import java.time.Clock;
import io.sipcall.sip.registration.RegistrationTimings;
import io.sipcall.sip.registration.TrunkRegistrations;
import java.util.Map;

/** One running SIPCall instance: the B2BUA and the adapters it is wired to. */
public final class SipCallServer implements AutoCloseable {

    private final B2bua b2bua;

    private SipCallServer(B2bua b2bua) {
        this.b2bua = b2bua;
    }

    /** Starts an instance on {@code config} with the default route policy. */
    public static SipCallServer start(SipCallConfig config) {
        return start(config, new DefaultRoutePolicy(config), CallEventSink.NONE);
    }

    /**
     * Starts an instance on {@code config} with {@code policy} (always behind the toll-fraud guard)
     * and {@code events} (told after the usage ledger that feeds the guard's user limits).
     */
    public static SipCallServer start(SipCallConfig config, RoutePolicy policy, CallEventSink events) {
        return start(config, new ConfigDirectory(config), policy, events, RegistrationTimings.DEFAULT);
    }

    /** Starts an instance with every adapter given, and registration timings (tests shorten them). */
    public static SipCallServer start(SipCallConfig config, Directory directory, RoutePolicy policy,
            CallEventSink events, RegistrationTimings registrationTimings) {
        UsageLedger ledger = UsageLedger.forRates(config.rates(), Clock.systemUTC());
        B2bua b2bua = new B2bua(config.sip(), config.dataDir(), config.gateway(), directory,
                TollFraudGuard.around(policy, config, ledger), mediaAnchor(config.media()),
                CallEventSink.all(ledger, events), registrationTimings);
        b2bua.start();
        return new SipCallServer(b2bua);
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

    @Override
    public void close() {
        b2bua.close();
    }
}
