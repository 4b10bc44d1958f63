package io.sipcall.sip.stack;

import gov.nist.javax.sip.message.SIPMessage;
import io.sipcall.sip.call.B2buaCall;
import io.sipcall.sip.call.CalleeLegFactory;
import io.sipcall.sip.gateway.AuthOutcome;
import io.sipcall.sip.gateway.GatewayAuthenticator;
import io.sipcall.sip.call.CallSettings;
import io.sipcall.sip.call.ScheduledCallTimers;
import io.sipcall.sip.call.SerialExecutor;
import io.sipcall.sip.port.CallEventSink;
import io.sipcall.sip.port.CallId;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.MediaAnchor;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.session.CallRegistry;
import io.sipcall.sip.session.ClientInviteSession;
import io.sipcall.sip.session.ServerInviteSession;
import io.sipcall.sip.session.SipContext;
import io.sipcall.sip.session.StatelessResponder;
import io.sipcall.sip.trunk.TrunkLimiter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns an out-of-dialog INVITE into a running {@link B2buaCall} with its two legs. */
public final class CallFactory {

    private static final Logger LOG = LoggerFactory.getLogger(CallFactory.class);

    private final SipContext ctx;
    private final CallRegistry registry;
    private final StatelessResponder responder;
    private final RoutePolicy policy;
    private final MediaAnchor anchor;
    private final CallEventSink events;
    private final Directory directory;
    private final TrunkLimiter limiter;
    private final GatewayAuthenticator authenticator;
    private final CallSettings settings;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentHashMap<CallId, Running> calls = new ConcurrentHashMap<>();
    /** Notified whenever a call ends, for {@link #awaitNoCalls}. */
    private final Object idle = new Object();

    /** A call and the executor it is confined to. */
    public record Running(B2buaCall call, SerialExecutor executor) {
    }

    public CallFactory(SipContext ctx, CallRegistry registry, Ports ports, CallSettings settings,
            ExecutorService workers, ScheduledExecutorService scheduler) {
        this.ctx = ctx;
        this.registry = registry;
        this.responder = new StatelessResponder(ctx);
        this.policy = ports.policy();
        this.anchor = ports.anchor();
        this.events = ports.events();
        this.directory = ports.directory();
        this.limiter = ports.limiter();
        this.authenticator = ports.authenticator();
        this.settings = settings;
        this.workers = workers;
        this.scheduler = scheduler;
    }

    /** The ports a call reaches the outside world through, and the trunk limits it shares. */
    public record Ports(RoutePolicy policy, MediaAnchor anchor, CallEventSink events, Directory directory,
            TrunkLimiter limiter, GatewayAuthenticator authenticator) {
    }

    /** Calls not yet ended. */
    public Collection<Running> running() {
        return calls.values();
    }

    /** Handles a new INVITE on the SIP thread; the call itself then runs on its own executor. */
    public void accept(RequestEvent event) {
        Request invite = event.getRequest();
        String callerCallId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        if (SipContext.maxForwardsOf(invite) <= 0) {
            responder.respond(invite, Response.TOO_MANY_HOPS, "Too Many Hops");
            return;
        }
        if (invite.getHeader(ContactHeader.NAME) == null) {
            // RFC 3261 8.1.1.8: the Contact is where the dialog's requests go; no call without one.
            responder.respond(invite, Response.BAD_REQUEST, contactProblem(invite));
            return;
        }
        if (registry.contains(callerCallId)) {
            // Our own outgoing INVITE came back (a routing loop), or a merged request (RFC 3261 8.2.2.2).
            LOG.warn("INVITE with a Call-ID already in use: loop detected");
            responder.respond(invite, Response.LOOP_DETECTED, "Loop Detected");
            return;
        }
        AuthOutcome auth = authenticator.authenticate(invite, SipContext.sourceOf(event));
        if (!(auth instanceof AuthOutcome.Authenticated authenticated)) {
            auth.answer(invite, responder, Response.PROXY_AUTHENTICATION_REQUIRED);
            return;
        }
        Optional<Directory.User> user = authenticated.user();
        ServerTransaction transaction;
        try {
            transaction = ctx.provider().getNewServerTransaction(invite);
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission racing its original; the transaction absorbs it
        } catch (SipException e) {
            LOG.warn("cannot accept INVITE: {}", e.toString());
            responder.respond(invite, Response.SERVER_INTERNAL_ERROR, "Server Internal Error");
            return;
        }
        start(event, transaction, callerCallId, user);
    }

    private void start(RequestEvent event, ServerTransaction transaction, String callerCallId,
            Optional<Directory.User> user) {
        CallId id = CallId.random();
        SerialExecutor executor = new SerialExecutor(workers, id.value());
        ServerInviteSession caller;
        try {
            caller = new ServerInviteSession(ctx, executor, transaction, event.getRequest());
        } catch (SipException | RuntimeException e) {
            LOG.warn("cannot create the caller's dialog: {}", e.toString());
            responder.respond(event.getRequest(), Response.SERVER_INTERNAL_ERROR, "Server Internal Error");
            return;
        }
        caller.sendTrying();
        List<String> calleeCallIds = new CopyOnWriteArrayList<>();
        CalleeLegFactory legs = legEvents -> {
            String calleeCallId = SipContext.token() + SipContext.token();
            ClientInviteSession callee = new ClientInviteSession(ctx, executor, calleeCallId, directory);
            callee.bind(legEvents);
            calleeCallIds.add(calleeCallId);
            registry.register(calleeCallId, new CallRegistry.Entry(executor, callee));
            return callee;
        };
        B2buaCall call = new B2buaCall(id, caller, user,
                new B2buaCall.Dependencies(policy, anchor.open(id), events,
                        new ScheduledCallTimers(scheduler, executor), settings, executor, limiter, legs),
                caller.transportName(), SipContext.sourceOf(event),
                () -> ended(id, callerCallId, calleeCallIds));
        caller.bind(call);
        if (!registry.register(callerCallId, new CallRegistry.Entry(executor, caller))) {
            responder.respond(event.getRequest(), Response.LOOP_DETECTED, "Loop Detected");
            return;
        }
        calls.put(id, new Running(call, executor));
        executor.execute(() -> {
            LOG.info("new call from {} over {}", SipContext.sourceOf(event), caller.transportName());
            call.start();
        });
    }

    private void ended(CallId id, String callerCallId, List<String> calleeCallIds) {
        registry.remove(callerCallId);
        calleeCallIds.forEach(registry::remove);
        calls.remove(id);
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /** Waits until no call is running, at most {@code timeout}; false if some still were. */
    public boolean awaitNoCalls(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (!calls.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** The reason phrase for an INVITE without a Contact: one it sent unreadable was set aside by the parser. */
    private static String contactProblem(Request invite) {
        if (invite instanceof SIPMessage message) {
            for (Iterator<String> lines = message.getUnrecognizedHeaders(); lines.hasNext(); ) {
                String name = lines.next().split(":", 2)[0].strip();
                if (name.equalsIgnoreCase(ContactHeader.NAME) || name.equalsIgnoreCase("m")) {
                    return "Bad Contact header field";
                }
            }
        }
        return "Missing Contact header field";
    }

}
