package io.sipcall.sip.route.testkit;

import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.port.RouteRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * A test call: what was dialled and by whom. Immutable. Without {@link #from} the call has no
 * authenticated user (a trusted gateway asserting none), and the policy's default country applies.
 */
public final class CallBuilder {

    /** Where test calls come from: TEST-NET-1 (RFC 5737), over TLS like the gateway's. */
    private static final String SOURCE_HOST = "192.0.2.1";
    private static final String TRANSPORT = "TLS";

    private final String dialled;
    private final Optional<Directory.User> user;

    private CallBuilder(String dialled, Optional<Directory.User> user) {
        this.dialled = Objects.requireNonNull(dialled, "dialled");
        this.user = user;
    }

    static CallBuilder dialling(String dialled) {
        return new CallBuilder(dialled, Optional.empty());
    }

    /** The call is placed by this user. */
    public CallBuilder from(UserBuilder caller) {
        return from(caller.build());
    }

    /** The call is placed by this user, as a directory returned it. */
    public CallBuilder from(Directory.User caller) {
        return new CallBuilder(dialled, Optional.of(caller));
    }

    /** What the route policy is asked: a new call id each time. */
    public RouteRequest request() {
        String caller = user.map(Directory.User::id).orElse("anonymous");
        return new RouteRequest(CallId.random(), caller, dialled, SOURCE_HOST, TRANSPORT, user);
    }

    /** Asks {@code policy} to route this call, once, and returns its decision to assert on. */
    public DecisionAssert through(RoutePolicy policy) {
        RouteRequest request = request();
        RouteDecision decision = policy.route(request);
        if (decision == null) {
            throw new AssertionError(describe(request) + ": the policy returned null instead of a decision");
        }
        return new DecisionAssert(describe(request), decision);
    }

    static String describe(RouteRequest request) {
        return "call to \"" + request.dialled() + "\" from " + request.user().map(Directory.User::id).orElse("(no user)");
    }
}
