package io.sipcall.media.esl;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one client connected: connects and authenticates on a fresh reader thread, reconnects with
 * {@link Backoff} when the connection ends, gives up on a wrong password or an ACL rejection, and
 * keeps the client's {@link StateMachine}.
 */
final class ConnectionSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSupervisor.class);

    private final EslConfig config;
    private final ClientContext context;
    private final Backoff backoff;
    private final ConnectionListener listener;
    private final StateMachine states;
    private final CompletableFuture<Void> firstConnection = new CompletableFuture<>();
    private final Set<Thread> readers = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private EslConnection connection;
    private Socket connecting;
    private int failures;
    private boolean stopping;

    ConnectionSupervisor(EslConfig config, ClientContext context, Backoff backoff, ConnectionListener listener) {
        this.config = config;
        this.context = context;
        this.backoff = backoff;
        this.listener = listener;
        this.states = new StateMachine(context);
    }

    CompletableFuture<Void> start() {
        synchronized (lock) {
            if (states.current() == EslState.CLOSED) {
                return CompletableFuture.failedFuture(new EslConnectionException(context.peer() + ": the ESL client is closed"));
            }
            if (states.current() == EslState.NEW) {
                states.transition(EslState.CONNECTING, null);
                startAttempt();
            }
        }
        return firstConnection.copy();
    }

    EslState state() {
        synchronized (lock) {
            return states.current();
        }
    }

    void addStateListener(EslStateListener stateListener) {
        states.addListener(stateListener);
    }

    void removeStateListener(EslStateListener stateListener) {
        states.removeListener(stateListener);
    }

    /** Runs {@code action} with the current connection ({@code null} if none) while no connection can come or go. */
    <T> T withConnection(Function<EslConnection, T> action) {
        synchronized (lock) {
            return action.apply(connection);
        }
    }

    /** Says goodbye to FreeSWITCH, stops reconnecting and ends every thread of the client. Idempotent. */
    void close() {
        EslConnection open;
        Socket pending;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            stopping = true;
            open = connection;
            pending = connecting;
        }
        if (pending != null) {
            closeQuietly(pending);
        }
        if (open != null) {
            open.exit(config.connectTimeout());
        }
        synchronized (lock) {
            connection = null;
            states.transition(EslState.CLOSED, null);
        }
        finish(new EslConnectionException(context.peer() + ": the ESL client is closed"));
        for (Thread reader : readers) {
            join(reader);
        }
    }

    private void startAttempt() {
        Thread reader = new Thread(this::runAttempt, "esl-reader-" + context.peer());
        reader.setDaemon(true);
        readers.add(reader);
        reader.start();
    }

    private void runAttempt() {
        try {
            EslConnection opened = connect();
            if (opened != null && publish(opened)) {
                EslConnectionException cause = opened.readUntilClosed();
                ended(opened, cause);
            }
        } finally {
            readers.remove(Thread.currentThread());
        }
    }

    private EslConnection connect() {
        Socket socket = new Socket();
        synchronized (lock) {
            if (stopping) {
                return null;
            }
            connecting = socket;
        }
        try {
            return EslConnection.open(socket, config, context, listener::event);
        } catch (EslAuthenticationException | EslRejectedException e) {
            closeQuietly(socket);
            fail(e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            retryLater(new EslConnectionException(context.peer() + ": cannot connect: " + e.getMessage(), e));
        } finally {
            synchronized (lock) {
                connecting = null;
            }
        }
        return null;
    }

    private boolean publish(EslConnection opened) {
        synchronized (lock) {
            if (stopping) {
                opened.abandon();
                return false;
            }
            connection = opened;
            failures = 0;
            states.transition(EslState.CONNECTED, null);
            listener.connected(opened);
        }
        context.dispatcher().execute(() -> firstConnection.complete(null));
        return true;
    }

    private void ended(EslConnection ended, EslConnectionException cause) {
        synchronized (lock) {
            if (connection == ended) {
                connection = null;
            }
            if (stopping) {
                return;
            }
            states.transition(EslState.DISCONNECTED, cause);
        }
        listener.disconnected(cause);
        scheduleReconnect();
    }

    private void retryLater(EslConnectionException cause) {
        synchronized (lock) {
            if (stopping) {
                return;
            }
            states.transition(EslState.DISCONNECTED, cause);
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        Duration delay;
        int attempt;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            delay = backoff.delay(failures);
            attempt = ++failures;
        }
        LOG.info("ESL {}: reconnecting in {} ms (attempt {})", context.peer(), delay.toMillis(), attempt);
        try {
            context.timer().schedule(this::reconnect, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("ESL {}: not reconnecting, the client is closing", context.peer());
        }
    }

    private void reconnect() {
        synchronized (lock) {
            if (stopping) {
                return;
            }
            states.transition(EslState.CONNECTING, null);
            startAttempt();
        }
    }

    private void fail(EslException cause) {
        synchronized (lock) {
            if (stopping) {
                return;
            }
            stopping = true;
            states.transition(EslState.FAILED, cause);
        }
        finish(cause);
    }

    private void finish(Throwable cause) {
        context.dispatcher().execute(() -> firstConnection.completeExceptionally(cause));
        listener.disconnected(cause);
        context.shutdown(config.connectTimeout());
    }

    private void join(Thread reader) {
        if (reader == Thread.currentThread()) {
            return;
        }
        try {
            reader.join(config.connectTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do with a socket being abandoned
        }
    }
}
