package io.sipcall.media.esl;

import static org.awaitility.Awaitility.await;

import io.sipcall.config.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * mod_event_socket in inbound mode, on a random loopback port, scriptable per test: a password, an
 * ACL that refuses everyone, connections hung up before the greeting, API commands (which may block,
 * as FreeSWITCH runs {@code api} on the connection's thread), and HEARTBEATs on a timer.
 */
final class FakeFreeSwitch implements AutoCloseable {

    static final String PASSWORD = "ClueCon";
    static final String STATUS = "UP 0 years, 0 days, 1 hour, 2 minutes, 3 seconds, 4 milliseconds, 5 microseconds\n"
            + "FreeSWITCH (Version 1.10.12 -release 64bit) is ready\n"
            + "3 session(s) since startup\n"
            + "0 session(s) - peak 2, last 5min 0\n"
            + "0 session(s) per Sec out of max 30, peak 1, last 5min 0\n"
            + "1000 session(s) max\n"
            + "min idle cpu 0.00/97.83\n"
            + "Current Stack Size/Max 240K/8192K\n";

    /** An API command's implementation; it may block, and may act on the session (fire events, hang up). */
    @FunctionalInterface
    interface Api {
        String run(String arguments, FakeEslSession session) throws Exception;
    }

    /** Thrown by an {@link Api} to write {@code lastWords} and close the socket instead of replying. */
    static final class HangUp extends Exception {
        private static final long serialVersionUID = 1L;
        final transient byte[] lastWords;

        HangUp(byte[] lastWords) {
            super(null, null, false, false);
            this.lastWords = lastWords;
        }
    }

    private final String password;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<FakeEslSession> sessions = new CopyOnWriteArrayList<>();
    private final List<Long> acceptedAtNanos = new CopyOnWriteArrayList<>();
    private final Map<String, Api> apis = new ConcurrentHashMap<>();
    private final AtomicInteger hangUpsBeforeGreeting = new AtomicInteger();
    private final AtomicLong heartbeatSequence = new AtomicLong();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            ClientContext.named("fake-fs-heartbeat"));
    private volatile boolean rejectByAcl;
    private volatile ScheduledFuture<?> heartbeatTask;

    FakeFreeSwitch() throws IOException {
        this(PASSWORD);
    }

    FakeFreeSwitch(String password) throws IOException {
        this.password = password;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        apis.put("status", (arguments, session) -> STATUS);
        this.acceptor = new Thread(this::acceptLoop, "fake-fs-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The client configuration tests start from: this server, short timeouts, quick reconnects. */
    EslConfig config() {
        return EslConfig.of("127.0.0.1", port(), new Secret(password))
                .withConnectTimeout(Duration.ofSeconds(2))
                .withCommandTimeout(Duration.ofSeconds(5))
                .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(500), 0.2);
    }

    String password() {
        return password;
    }

    void onApi(String command, Api api) {
        apis.put(command, api);
    }

    Api api(String command) {
        return apis.get(command);
    }

    /** Like apply-inbound-acl refusing this client: text/rude-rejection instead of auth/request. */
    void rejectByAcl() {
        rejectByAcl = true;
    }

    boolean rejectsByAcl() {
        return rejectByAcl;
    }

    /** The next {@code count} connections are closed at once, before the greeting. */
    void hangUpBeforeGreeting(int count) {
        hangUpsBeforeGreeting.set(count);
    }

    void sendHeartbeatsEvery(Duration interval) {
        heartbeatTask = heartbeats.scheduleAtFixedRate(() -> sessions.forEach(session -> session.sendEvent(
                FakeEvent.heartbeat(heartbeatSequence.incrementAndGet()))), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stopHeartbeats() {
        heartbeatTask.cancel(false);
    }

    /** Every TCP connection accepted, those hung up at once included. */
    int connectionCount() {
        return acceptedAtNanos.size();
    }

    List<Long> acceptedAtNanos() {
        return List.copyOf(acceptedAtNanos);
    }

    /** The {@code index}th session that got past the greeting, waiting for it if need be. */
    FakeEslSession session(int index) {
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.size() > index);
        return sessions.get(index);
    }

    @Override
    public void close() throws IOException {
        heartbeats.shutdownNow();
        listener.close();
        sessions.forEach(FakeEslSession::close);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                acceptedAtNanos.add(System.nanoTime());
                if (hangUpsBeforeGreeting.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    socket.close();
                    continue;
                }
                FakeEslSession session = new FakeEslSession(this, socket, sessions.size());
                sessions.add(session);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
