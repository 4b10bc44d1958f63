package io.sipcall.media.esl;

import io.sipcall.config.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach and watch one FreeSWITCH's Event Socket. {@link #of} gives the defaults; the
 * {@code with*} methods return changed copies. The password is a {@link Secret}, so this record's
 * {@code toString} never shows it.
 *
 * @param host FreeSWITCH's ESL address
 * @param port its ESL port, 8021 by default ({@code listen-port})
 * @param password the ESL password ({@code password} in event_socket.conf.xml)
 * @param connectTimeout for the TCP connect, the authentication exchange, and the goodbye on close
 * @param commandTimeout the default deadline of a command's reply (and of a bgapi job's result)
 * @param heartbeatWindow how long the connection may stay silent before it is considered dead;
 *     FreeSWITCH sends a HEARTBEAT every 20 s by default, so the default of 60 s allows two to be lost
 * @param reconnectInitialDelay the delay before the first reconnect attempt, doubled per failed attempt
 * @param reconnectMaxDelay the cap of that delay
 * @param reconnectJitter the share, in [0, 1), by which each delay is randomly shortened
 * @param eventFormat plain or json events for this connection
 * @param eventQueueCapacity how many received events may wait for the listeners before the reader
 *     stops reading (backpressure: FreeSWITCH then queues them, nothing is dropped here)
 */
public record EslConfig(String host, int port, Secret password, Duration connectTimeout, Duration commandTimeout,
        Duration heartbeatWindow, Duration reconnectInitialDelay, Duration reconnectMaxDelay, double reconnectJitter,
        EventFormat eventFormat, int eventQueueCapacity) {

    public static final int DEFAULT_PORT = 8021;
    private static final int MAX_QUEUE = 1_000_000;

    public EslConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(eventFormat, "eventFormat");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        String secret = password.reveal();
        if (secret.isEmpty() || secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the ESL password must be one non-empty line");
        }
        requireMillis(connectTimeout, "connectTimeout");
        requireMillis(commandTimeout, "commandTimeout");
        requireMillis(heartbeatWindow, "heartbeatWindow");
        requireMillis(reconnectInitialDelay, "reconnectInitialDelay");
        requireMillis(reconnectMaxDelay, "reconnectMaxDelay");
        if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
            throw new IllegalArgumentException("reconnectMaxDelay is shorter than reconnectInitialDelay");
        }
        if (!(reconnectJitter >= 0 && reconnectJitter < 1)) {
            throw new IllegalArgumentException("reconnectJitter " + reconnectJitter + " is not in [0, 1)");
        }
        if (eventQueueCapacity < 1 || eventQueueCapacity > MAX_QUEUE) {
            throw new IllegalArgumentException("eventQueueCapacity " + eventQueueCapacity + " is not in [1, " + MAX_QUEUE + "]");
        }
    }

    /** Connect within 5 s, replies within 10 s, dead after 60 s of silence, reconnect 0.5 s doubling to 30 s. */
    public static EslConfig of(String host, int port, Secret password) {
        return new EslConfig(host, port, password, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, EventFormat.PLAIN, 10_000);
    }

    public EslConfig withPassword(Secret secret) {
        return new EslConfig(host, port, secret, connectTimeout, commandTimeout, heartbeatWindow, reconnectInitialDelay,
                reconnectMaxDelay, reconnectJitter, eventFormat, eventQueueCapacity);
    }

    public EslConfig withConnectTimeout(Duration timeout) {
        return new EslConfig(host, port, password, timeout, commandTimeout, heartbeatWindow, reconnectInitialDelay,
                reconnectMaxDelay, reconnectJitter, eventFormat, eventQueueCapacity);
    }

    public EslConfig withCommandTimeout(Duration timeout) {
        return new EslConfig(host, port, password, connectTimeout, timeout, heartbeatWindow, reconnectInitialDelay,
                reconnectMaxDelay, reconnectJitter, eventFormat, eventQueueCapacity);
    }

    public EslConfig withHeartbeatWindow(Duration window) {
        return new EslConfig(host, port, password, connectTimeout, commandTimeout, window, reconnectInitialDelay,
                reconnectMaxDelay, reconnectJitter, eventFormat, eventQueueCapacity);
    }

    public EslConfig withReconnectDelays(Duration initial, Duration max, double jitter) {
        return new EslConfig(host, port, password, connectTimeout, commandTimeout, heartbeatWindow, initial, max, jitter,
                eventFormat, eventQueueCapacity);
    }

    public EslConfig withEventFormat(EventFormat format) {
        return new EslConfig(host, port, password, connectTimeout, commandTimeout, heartbeatWindow, reconnectInitialDelay,
                reconnectMaxDelay, reconnectJitter, format, eventQueueCapacity);
    }

    public EslConfig withEventQueueCapacity(int capacity) {
        return new EslConfig(host, port, password, connectTimeout, commandTimeout, heartbeatWindow, reconnectInitialDelay,
                reconnectMaxDelay, reconnectJitter, eventFormat, capacity);
    }

    /** {@code host:port} ({@code [v6]:port}), as logs and thread names show it. */
    public String peer() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static void requireMillis(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.toMillis() < 1 || duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " " + duration + " must be from 1 ms to 24 days");
        }
    }
}
