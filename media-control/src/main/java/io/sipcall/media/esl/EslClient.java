package io.sipcall.media.esl;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of one FreeSWITCH's Event Socket (mod_event_socket, inbound mode), which stays connected
 * until closed.
 *
 * <pre>{@code
 * EslClient esl = new EslClient(EslConfig.of("10.0.0.5", 8021, password));
 * esl.addEventListener(event -> ...);
 * esl.subscribe("CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE");
 * esl.start();                                     // completes once connected
 * esl.api("uuid_bridge " + a + " " + b).thenAccept(response -> ...);
 * ...
 * esl.close();                                      // says exit, stops every thread
 * }</pre>
 *
 * <p>Every command returns a future and has a deadline; none blocks the caller. When the connection
 * drops or goes silent longer than the heartbeat window, everything waiting on it fails with an
 * {@link EslConnectionException}, and the client reconnects with exponential backoff and subscribes
 * again to what it was subscribed to. A wrong password or an ACL rejection ends the client in
 * {@link EslState#FAILED}. Futures complete, and listeners run, on the client's dispatch thread (see
 * the package documentation).
 */
public final class EslClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EslClient.class);

    private final EslConfig config;
    private final ClientContext context;
    private final Subscriptions subscriptions;
    private final BackgroundJobs jobs;
    private final ConnectionSupervisor supervisor;
    private final List<EslEventListener> eventListeners = new CopyOnWriteArrayList<>();

    /** Creates the client and its dispatch thread; nothing connects before {@link #start()}. */
    public EslClient(EslConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.context = ClientContext.start(config.peer(), config.eventQueueCapacity());
        this.subscriptions = new Subscriptions(config.eventFormat());
        this.jobs = new BackgroundJobs(context);
        this.supervisor = new ConnectionSupervisor(config, context, Backoff.of(config), new SupervisorEvents());
    }

    /**
     * Starts connecting. The future completes when the first connection is authenticated and fails if
     * the client fails ({@link EslAuthenticationException}, {@link EslRejectedException}) or is closed
     * first; until then, failed connection attempts are simply retried.
     */
    public CompletableFuture<Void> start() {
        return supervisor.start();
    }

    public EslState state() {
        return supervisor.state();
    }

    public void addStateListener(EslStateListener listener) {
        supervisor.addStateListener(Objects.requireNonNull(listener, "listener"));
    }

    public void removeStateListener(EslStateListener listener) {
        supervisor.removeStateListener(listener);
    }

    /** Adds a listener for every event of this client's subscriptions, HEARTBEAT and BACKGROUND_JOB included. */
    public void addEventListener(EslEventListener listener) {
        eventListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeEventListener(EslEventListener listener) {
        eventListeners.remove(listener);
    }

    /** {@code api <command>} with the configured timeout. */
    public CompletableFuture<ApiResponse> api(String command) {
        return api(command, config.commandTimeout());
    }

    /**
     * Runs an API command and completes with what it printed. FreeSWITCH runs {@code api} commands on the
     * connection's own thread, so a slow one holds up the replies after it; use {@link #bgapi} for those.
     */
    public CompletableFuture<ApiResponse> api(String command, Duration timeout) {
        Commands.requireLine(command, "the api command");
        return send("api " + command, timeout).thenApply(ApiResponse::of);
    }

    /** {@code bgapi <command>} with the configured timeout. */
    public CompletableFuture<ApiResponse> bgapi(String command) {
        return bgapi(command, config.commandTimeout());
    }

    /**
     * Runs an API command in the background and completes with its result, taken from the
     * {@code BACKGROUND_JOB} event whose {@code Job-UUID} is this job's; {@code timeout} covers both the
     * acknowledgement and the result.
     */
    public CompletableFuture<ApiResponse> bgapi(String command, Duration timeout) {
        Commands.requireLine(command, "the bgapi command");
        String jobUuid = UUID.randomUUID().toString();
        CompletableFuture<ApiResponse> result = jobs.register(jobUuid, "bgapi " + command, timeout);
        send("bgapi " + command + "\nJob-UUID: " + jobUuid, timeout).thenApply(CommandReply::of).whenComplete((reply, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else if (!reply.isOk()) {
                result.complete(new ApiResponse(reply.replyText()));
            }
        });
        return result;
    }

    /** {@link #sendCommand(String, Duration)} with the configured timeout. */
    public CompletableFuture<CommandReply> sendCommand(String command) {
        return sendCommand(command, config.commandTimeout());
    }

    /**
     * Sends any other command ({@code sendmsg <uuid>} with its header lines, {@code nixevent ...}) and
     * completes with FreeSWITCH's {@code command/reply}. Use {@link #subscribe} and {@link #filter} for
     * subscriptions: only those are applied again after a reconnect.
     *
     * @param command the command line, optionally followed by header lines, separated by {@code \n}
     */
    public CompletableFuture<CommandReply> sendCommand(String command, Duration timeout) {
        Commands.requireCommand(command);
        return send(command, timeout).thenApply(CommandReply::of);
    }

    /**
     * Subscribes to events ({@code CUSTOM} followed by subclass names for custom events), now if
     * connected and on every later connection. The future completes when FreeSWITCH accepted the
     * subscription, or at once if not connected; it fails with {@link EslCommandException} if refused.
     */
    public CompletableFuture<Void> subscribe(String... eventNames) {
        List<String> names = Arrays.stream(eventNames).map(name -> Commands.requireWord(name, "event name")).toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no event names");
        }
        return supervisor.withConnection(connection -> apply(connection, List.of(subscriptions.subscribe(names))));
    }

    /**
     * Adds a filter ({@code filter <header> <value>}): once any filter exists, FreeSWITCH sends only
     * events that match one of them. HEARTBEAT and BACKGROUND_JOB keep flowing regardless.
     */
    public CompletableFuture<Void> filter(String header, String value) {
        Commands.requireWord(header, "filter header");
        Commands.requireLine(value, "filter value");
        return supervisor.withConnection(connection -> apply(connection, subscriptions.filter(header, value)));
    }

    /**
     * Says {@code exit} to FreeSWITCH, waits up to the connect timeout for it to hang up, fails whatever is
     * still waiting with an {@link EslConnectionException}, and ends every thread of this client. It never
     * reconnects afterwards. Idempotent.
     */
    @Override
    public void close() {
        supervisor.close();
    }

    private CompletableFuture<EslFrame> send(String command, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        EslConnection connection = supervisor.withConnection(current -> current);
        if (connection == null) {
            EslState state = supervisor.state();
            return CompletableFuture.failedFuture(new EslConnectionException(config.peer()
                    + (state == EslState.CLOSED ? ": the ESL client is closed" : ": not connected (" + state + ")")));
        }
        return connection.send(command, timeout);
    }

    private CompletableFuture<Void> apply(EslConnection connection, List<String> commands) {
        if (connection == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(commands.stream()
                .map(command -> connection.send(command, config.commandTimeout())
                        .thenApply(CommandReply::of).thenApply(CommandReply::orThrow))
                .toArray(CompletableFuture<?>[]::new));
    }

    private void deliver(EslEvent event) {
        if (event.name().equals("BACKGROUND_JOB")) {
            jobs.completed(event);
        }
        for (EslEventListener listener : eventListeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("ESL {}: an event listener failed on {}", config.peer(), event, e);
            }
        }
    }

    /** The supervisor's view of this client: what to do on connecting, disconnecting, and per event. */
    private final class SupervisorEvents implements ConnectionListener {

        @Override
        public void connected(EslConnection connection) {
            for (String command : subscriptions.commands()) {
                connection.send(command, config.commandTimeout()).whenComplete((frame, error) -> {
                    if (error != null || !CommandReply.of(frame).isOk()) {
                        LOG.warn("ESL {}: '{}' was not accepted: {}", config.peer(), command,
                                error != null ? error.getMessage() : CommandReply.of(frame).replyText());
                    }
                });
            }
        }

        @Override
        public void disconnected(Throwable cause) {
            jobs.failAll(cause);
        }

        @Override
        public void event(EslEvent event) {
            context.dispatcher().executeEvent(() -> deliver(event));
        }
    }
}
