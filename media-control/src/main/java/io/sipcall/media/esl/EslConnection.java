package io.sipcall.media.esl;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated TCP connection to mod_event_socket. Commands are queued for the writer thread and
 * their replies matched in order: FreeSWITCH handles one command at a time per connection and answers
 * each with exactly one {@code command/reply} or {@code api/response}. One reader thread runs
 * {@link #readUntilClosed()}; when it ends, every command still waiting fails with the reason.
 */
final class EslConnection {

    private static final Logger LOG = LoggerFactory.getLogger(EslConnection.class);

    private final Socket socket;
    private final FrameDecoder decoder;
    private final OutputStream out;
    private final ClientContext context;
    private final Duration heartbeatWindow;
    private final Consumer<EslEvent> events;
    private final ArrayDeque<PendingCommand> awaitingReply = new ArrayDeque<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private boolean open = true;
    private volatile boolean closedByClient;
    private volatile String disconnectNotice;

    private EslConnection(Socket socket, FrameDecoder decoder, OutputStream out, ClientContext context,
            Duration heartbeatWindow, Consumer<EslEvent> events) {
        this.socket = socket;
        this.decoder = decoder;
        this.out = out;
        this.context = context;
        this.heartbeatWindow = heartbeatWindow;
        this.events = events;
    }

    /** Connects {@code socket} and authenticates; {@code events} is called on the reader thread. */
    static EslConnection open(Socket socket, EslConfig config, ClientContext context, Consumer<EslEvent> events)
            throws IOException {
        socket.connect(new InetSocketAddress(config.host(), config.port()), (int) config.connectTimeout().toMillis());
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        socket.setSoTimeout((int) config.connectTimeout().toMillis());
        FrameDecoder decoder = new FrameDecoder(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream());
        Handshake.authenticate(decoder, out, config.password(), context.peer());
        // From here a silent socket means a dead or stuck FreeSWITCH: it sends a HEARTBEAT every 20 s
        // (event-heartbeat-interval), and a blocking api command stops its events and heartbeats too.
        socket.setSoTimeout((int) config.heartbeatWindow().toMillis());
        return new EslConnection(socket, decoder, out, context, config.heartbeatWindow(), events);
    }

    /** Queues {@code command}; the future completes on the dispatch thread with FreeSWITCH's reply. */
    CompletableFuture<EslFrame> send(String command, Duration timeout) {
        PendingCommand pending = new PendingCommand(command, context);
        byte[] bytes = (command + "\n\n").getBytes(StandardCharsets.UTF_8);
        synchronized (awaitingReply) {
            if (!open) {
                return CompletableFuture.failedFuture(new EslConnectionException(context.peer() + ": the connection is closed"));
            }
            awaitingReply.add(pending);
            try {
                context.writer().execute(() -> write(bytes));
            } catch (RejectedExecutionException e) {
                awaitingReply.removeLast();
                return CompletableFuture.failedFuture(new EslConnectionException(context.peer() + ": the ESL client is closed"));
            }
        }
        LOG.debug("ESL {} > {}", context.peer(), pending.description());
        pending.expireAfter(timeout);
        return pending.reply();
    }

    /** Reads and dispatches frames until the connection ends; returns why it ended. */
    EslConnectionException readUntilClosed() {
        EslConnectionException cause = readFrames();
        List<PendingCommand> orphans;
        synchronized (awaitingReply) {
            open = false;
            orphans = new ArrayList<>(awaitingReply);
            awaitingReply.clear();
        }
        closeSocket();
        orphans.forEach(pending -> pending.failed(cause));
        finished.countDown();
        return cause;
    }

    private EslConnectionException readFrames() {
        try {
            for (EslFrame frame = decoder.next(); frame != null; frame = decoder.next()) {
                handle(frame);
            }
            return ended("FreeSWITCH closed the connection", null);
        } catch (SocketTimeoutException e) {
            return ended("nothing received for " + heartbeatWindow.toMillis()
                    + " ms, not even a HEARTBEAT; FreeSWITCH is considered dead", e);
        } catch (IOException | EslProtocolException e) {
            return ended("connection lost: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.error("ESL {}: the reader failed; dropping the connection", context.peer(), e);
            return ended("connection dropped after an internal error: " + e, e);
        }
    }

    /** Says {@code exit}, waits up to {@code wait} for FreeSWITCH to hang up, then closes the socket anyway. */
    void exit(Duration wait) {
        closedByClient = true;
        send("exit", wait);
        if (!awaitFinished(wait)) {
            LOG.debug("ESL {}: no goodbye within {} ms, closing the socket", context.peer(), wait.toMillis());
            closeSocket();
            awaitFinished(wait);
        }
    }

    /** Closes a connection whose reader never started. */
    void abandon() {
        closedByClient = true;
        closeSocket();
    }

    private void handle(EslFrame frame) {
        switch (frame.contentType()) {
            case EslFrame.COMMAND_REPLY, EslFrame.API_RESPONSE -> answer(frame);
            case "text/event-plain" -> deliver(frame, EventFormat.PLAIN);
            case "text/event-json" -> deliver(frame, EventFormat.JSON);
            case EslFrame.DISCONNECT_NOTICE -> noteDisconnect(frame);
            default -> LOG.debug("ESL {}: ignored a '{}' frame", context.peer(), frame.contentType());
        }
    }

    private void answer(EslFrame frame) {
        PendingCommand pending;
        synchronized (awaitingReply) {
            pending = awaitingReply.poll();
        }
        if (pending == null) {
            LOG.warn("ESL {}: ignored a {} that no command was waiting for", context.peer(), frame.contentType());
            return;
        }
        pending.answered(frame);
    }

    private void deliver(EslFrame frame, EventFormat format) {
        EslEvent event;
        try {
            event = format == EventFormat.PLAIN ? EventParser.plain(frame.body()) : EventParser.json(frame.body());
        } catch (EslProtocolException e) {
            LOG.warn("ESL {}: skipped an unreadable event: {}", context.peer(), e.getMessage());
            return;
        }
        LOG.trace("ESL {} < {}", context.peer(), event);
        events.accept(event);
    }

    private void noteDisconnect(EslFrame frame) {
        String text = Commands.oneLine(frame.bodyText());
        if ("linger".equalsIgnoreCase(frame.header("Content-Disposition"))) {
            LOG.info("ESL {}: FreeSWITCH lingers: {}", context.peer(), text);
            return;
        }
        disconnectNotice = text;
        LOG.debug("ESL {}: disconnect notice: {}", context.peer(), text);
    }

    private EslConnectionException ended(String reason, Throwable error) {
        if (closedByClient) {
            return new EslConnectionException(context.peer() + ": the ESL client is closed");
        }
        String notice = disconnectNotice;
        String text = notice == null ? reason : "FreeSWITCH disconnected: " + notice;
        return new EslConnectionException(context.peer() + ": " + text, error);
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            LOG.debug("ESL {}: write failed: {}", context.peer(), e.getMessage());
            closeSocket();
        }
    }

    private boolean awaitFinished(Duration wait) {
        try {
            return finished.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("ESL {}: closing the socket failed: {}", context.peer(), e.getMessage());
        }
    }
}
