package io.sipcall.sip.registration;

import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.auth.DigestChallenge;
import io.sipcall.sip.auth.DigestClient;
import io.sipcall.sip.call.CallTimers;
import io.sipcall.sip.session.SipContext;
import io.sipcall.sip.session.SipEndpoint;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.header.MinExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trunk's outbound registration: the client-registration role of RFC 3261 10.2.
 *
 * <p>It sends REGISTER with its own stable Call-ID (10.2: one per boot cycle), our Contact and the
 * configured expiry. A 401/407 is answered once per attempt with a {@link DigestClient} (22.2: same
 * Call-ID, CSeq + 1); a second challenge of the same kind means the credentials were refused and the
 * attempt fails, except that one challenge with {@code stale=true} (RFC 7616 3.3: right password, old
 * nonce) is answered as well. On 200 the granted expiry is read ({@link GrantedExpiry}) and the
 * refresh scheduled ({@link RegistrationTimings#refreshDelay}); refreshes carry credentials for the
 * last challenge with the next nonce count, saving a round trip while the nonce lasts. A 423 is
 * retried once with its Min-Expires (10.2.8). Any other failure (4xx-6xx, timeout, transport error)
 * schedules a retry with doubling backoff ({@link RegistrationTimings#retryDelay}).
 *
 * <p>{@link #unregister()} removes our binding with {@code Expires: 0} (10.2.2) and completes its
 * future when answered, or after {@link RegistrationTimings#unregisterBound()}.
 *
 * <p>Confined to its executor: every method but {@link #start()}, {@link #unregister()},
 * {@link #status()} and {@link #callId()} runs on it.
 */
public final class TrunkRegistration implements SipEndpoint {

    /** Where a registration is. */
    public enum State {
        /** No binding, none being asked for: not started, or unregistered at shutdown. */
        UNREGISTERED,
        /** A first REGISTER (or one after a failure) is in flight. */
        REGISTERING,
        /** The registrar granted our binding; a refresh may be in flight. */
        REGISTERED,
        /** The last attempt failed; a retry is scheduled. */
        FAILING,
        /** Removing our binding at shutdown. */
        UNREGISTERING
    }

    /** What a registration runs on. */
    public record Dependencies(SipContext ctx, Executor executor, CallTimers timers, Clock clock,
                               RegistrationTimings timings, RegistrationHandler handler) {
    }

    /** The two kinds of challenge (RFC 3261 22.2 and 22.3) and the header answering each. */
    private enum ChallengeKind {
        WWW("WWW-Authenticate", "Authorization"),
        PROXY("Proxy-Authenticate", "Proxy-Authorization");

        final String challengeHeader;
        final String credentialsHeader;

        ChallengeKind(String challengeHeader, String credentialsHeader) {
            this.challengeHeader = challengeHeader;
            this.credentialsHeader = credentialsHeader;
        }
    }

    /** One attempt: a REGISTER and the resends answering its challenges. */
    private static final class Attempt {
        Duration expiry;
        final Set<ChallengeKind> answered = EnumSet.noneOf(ChallengeKind.class);
        boolean staleAnswered;
        boolean intervalRaised;

        Attempt(Duration expiry) {
            this.expiry = expiry;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TrunkRegistration.class);
    private static final CallTimers.Cancellable NOTHING = () -> { };

    private final String trunk;
    private final String callId;
    private final Dependencies deps;
    private final RegisterRequests requests;
    private final Optional<DigestClient> digest;
    private final Map<ChallengeKind, DigestChallenge> challenges = new EnumMap<>(ChallengeKind.class);
    private final CompletableFuture<Void> unregistered = new CompletableFuture<>();
    private Duration expiry;
    private State state = State.UNREGISTERED;
    private Attempt attempt = new Attempt(Duration.ZERO);
    private ClientTransaction pending;
    private CallTimers.Cancellable nextAttemptTimer = NOTHING;
    private CallTimers.Cancellable deadlineTimer = NOTHING;
    private int failuresInARow;
    private String lastError;
    private Instant registeredUntil;
    private Instant nextAttempt;
    private boolean closing;
    private volatile RegistrationStatus status;

    /** {@code callId} is this registration's own Call-ID, registered with the dispatcher by the caller. */
    public TrunkRegistration(String trunk, TrunkConfig config, String callId, Dependencies deps) {
        this.trunk = trunk;
        this.callId = callId;
        this.deps = deps;
        this.requests = new RegisterRequests(deps.ctx(), config, callId);
        this.expiry = config.registration().expiry();
        TrunkConfig.TrunkAuth auth = config.auth();
        this.digest = auth.mode() == TrunkConfig.AuthMode.CREDENTIALS && auth.password().isPresent()
                ? Optional.of(new DigestClient(auth.username(), auth.password().get()))
                : Optional.empty();
        publish();
    }

    public String callId() {
        return callId;
    }

    /** The latest snapshot; any thread. */
    public RegistrationStatus status() {
        return status;
    }

    /** Sends the first REGISTER. Any thread. */
    public void start() {
        deps.executor().execute(this::attempt);
    }

    /**
     * Removes our binding (if we may have one) and stops refreshing. Any thread; idempotent. The
     * future completes when the registrar answered, or after the bound; it never fails.
     */
    public CompletableFuture<Void> unregister() {
        deps.executor().execute(this::beginUnregister);
        return unregistered;
    }

    // ---- attempts ------------------------------------------------------------------------------

    /** A new attempt: the first REGISTER, a refresh, or a retry. */
    private void attempt() {
        if (closing) {
            return;
        }
        nextAttempt = null;
        attempt = new Attempt(expiry);
        if (state == State.REGISTERED) {
            LOG.debug("trunk {} refreshing its registration", trunk);
            publish();
        } else {
            transition(State.REGISTERING);
        }
        send();
    }

    private void send() {
        try {
            Request request = requests.next(attempt.expiry, credentials());
            ClientTransaction transaction = deps.ctx().provider().getNewClientTransaction(request);
            pending = transaction;
            deadlineTimer.cancel();
            deadlineTimer = deps.timers().schedule(deps.timings().responseDeadline(), () -> noResponse(transaction));
            transaction.sendRequest();
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            pending = null;
            deadlineTimer.cancel();
            attemptFailed("cannot send REGISTER to " + requests.nextHop() + ": " + describe(e));
        }
    }

    /** Authorization headers for every challenge we hold (pre-emptive on refreshes). */
    private Map<String, String> credentials() throws ParseException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (digest.isPresent()) {
            for (Map.Entry<ChallengeKind, DigestChallenge> c : challenges.entrySet()) {
                headers.put(c.getKey().credentialsHeader,
                        digest.get().authorize(c.getValue(), Request.REGISTER, requests.digestUri()));
            }
        }
        return headers;
    }

    // ---- stack events --------------------------------------------------------------------------

    @Override
    public void onResponse(ResponseEvent event) {
        if (pending == null || event.getClientTransaction() != pending) {
            LOG.debug("trunk {} ignores a response to an earlier REGISTER", trunk);
            return;
        }
        Response response = event.getResponse();
        int code = response.getStatusCode();
        if (code < 200) {
            return;
        }
        pending = null;
        deadlineTimer.cancel();
        if (code < 300) {
            accepted(response);
        } else if (code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED) {
            challenged(response, code == Response.UNAUTHORIZED ? ChallengeKind.WWW : ChallengeKind.PROXY);
        } else if (code == Response.INTERVAL_TOO_BRIEF) {
            intervalTooBrief(response);
        } else {
            attemptFailed(statusLine(response));
        }
    }

    @Override
    public void onTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && pending != null && event.getClientTransaction() == pending) {
            noResponse(pending);
        }
    }

    private void noResponse(ClientTransaction transaction) {
        if (transaction != pending) {
            return;
        }
        pending = null;
        deadlineTimer.cancel();
        attemptFailed("no response from " + requests.nextHop());
    }

    // ---- outcomes ------------------------------------------------------------------------------

    private void accepted(Response response) {
        if (closing) {
            finishUnregister(null);
            return;
        }
        Duration granted = GrantedExpiry.of(response, requests.contactUri(), attempt.expiry);
        if (granted.isZero() || granted.isNegative()) {
            attemptFailed(statusLine(response) + " without a binding for our Contact");
            return;
        }
        failuresInARow = 0;
        lastError = null;
        registeredUntil = deps.clock().instant().plus(granted);
        Duration refresh = deps.timings().refreshDelay(granted);
        scheduleAttempt(refresh);
        LOG.info("trunk {} registered for {}s, refresh in {}s", trunk, granted.toSeconds(), refresh.toSeconds());
        transition(State.REGISTERED);
        deps.handler().onRegistered(trunk, registeredUntil);
    }

    /** A 401/407 (RFC 3261 22.2/22.3): answer once per kind, and one stale re-challenge (RFC 7616 3.3). */
    private void challenged(Response response, ChallengeKind kind) {
        if (digest.isEmpty()) {
            attemptFailed(statusLine(response) + ": the trunk has no credentials (auth mode ip)");
            return;
        }
        Optional<DigestChallenge> challenge = DigestChallenge.strongest(headerValues(response, kind.challengeHeader));
        if (challenge.isEmpty()) {
            attemptFailed(statusLine(response) + " without a Digest challenge we can answer");
            return;
        }
        if (challenge.get().stale() && !attempt.staleAnswered) {
            attempt.staleAnswered = true;
        } else if (!attempt.answered.add(kind)) {
            attemptFailed(statusLine(response) + ": credentials refused");
            return;
        }
        challenges.put(kind, challenge.get());
        send();
    }

    /** A 423: ask again once with the registrar's Min-Expires, and keep it for later refreshes (RFC 3261 10.2.8). */
    private void intervalTooBrief(Response response) {
        MinExpiresHeader min = (MinExpiresHeader) response.getHeader(MinExpiresHeader.NAME);
        if (closing || attempt.intervalRaised || min == null || min.getExpires() <= attempt.expiry.toSeconds()) {
            attemptFailed(statusLine(response));
            return;
        }
        attempt.intervalRaised = true;
        expiry = Duration.ofSeconds(min.getExpires());
        attempt.expiry = expiry;
        send();
    }

    private void attemptFailed(String error) {
        if (closing) {
            finishUnregister(error);
            return;
        }
        failuresInARow++;
        lastError = error;
        challenges.clear();
        Instant now = deps.clock().instant();
        if (registeredUntil != null && !registeredUntil.isAfter(now)) {
            registeredUntil = null;
        }
        Duration delay = deps.timings().retryDelay(failuresInARow);
        scheduleAttempt(delay);
        LOG.warn("trunk {} registration failed: {}; next attempt in {}s", trunk, error, delay.toSeconds());
        transition(State.FAILING);
        deps.handler().onFailure(trunk, error, nextAttempt);
    }

    private void scheduleAttempt(Duration delay) {
        nextAttemptTimer.cancel();
        nextAttempt = deps.clock().instant().plus(delay);
        nextAttemptTimer = deps.timers().schedule(delay, this::attempt);
    }

    // ---- unregistration ------------------------------------------------------------------------

    private void beginUnregister() {
        if (closing) {
            return;
        }
        closing = true;
        nextAttemptTimer.cancel();
        nextAttempt = null;
        boolean mayBeBound = state == State.REGISTERED || state == State.REGISTERING
                || (registeredUntil != null && registeredUntil.isAfter(deps.clock().instant()));
        if (!mayBeBound) {
            finishUnregister(null);
            return;
        }
        attempt = new Attempt(Duration.ZERO);
        transition(State.UNREGISTERING);
        Duration bound = deps.timings().unregisterBound();
        nextAttemptTimer = deps.timers().schedule(bound,
                () -> finishUnregister("no answer within " + bound.toMillis() + " ms"));
        send();
    }

    private void finishUnregister(String problem) {
        if (unregistered.isDone()) {
            return;
        }
        nextAttemptTimer.cancel();
        deadlineTimer.cancel();
        pending = null;
        registeredUntil = null;
        nextAttempt = null;
        if (problem != null) {
            lastError = problem;
            LOG.warn("trunk {} binding may remain at the registrar: {}", trunk, problem);
        }
        transition(State.UNREGISTERED);
        deps.handler().onUnregistered(trunk);
        unregistered.complete(null);
    }

    // ---- state ---------------------------------------------------------------------------------

    private void transition(State to) {
        State from = state;
        state = to;
        if (from != to) {
            LOG.info("trunk {} registration {} -> {}", trunk, from, to);
        }
        publish();
    }

    private void publish() {
        status = new RegistrationStatus(trunk, state, Optional.ofNullable(lastError),
                Optional.ofNullable(registeredUntil), Optional.ofNullable(nextAttempt));
    }

    private static List<String> headerValues(Response response, String name) {
        List<String> values = new ArrayList<>();
        ListIterator<?> headers = response.getHeaders(name);
        while (headers != null && headers.hasNext()) {
            String header = headers.next().toString();
            values.add(header.substring(header.indexOf(':') + 1).trim());
        }
        return values;
    }

    private static String statusLine(Response response) {
        return response.getStatusCode() + " " + response.getReasonPhrase();
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
