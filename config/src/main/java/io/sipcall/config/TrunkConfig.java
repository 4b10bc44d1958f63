package io.sipcall.config;

import java.util.Objects;

/**
 * A SIP trunk calls are sent to.
 *
 * @param host      host name or IP of the trunk's proxy; key {@code trunks.NAME.host}
 * @param port      port; key {@code trunks.NAME.port}; 0 means the transport's default
 * @param transport {@code udp}, {@code tcp} or {@code tls}; key {@code trunks.NAME.transport}
 */
public record TrunkConfig(String host, int port, Transport transport) {

    public TrunkConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
    }

    /** The port to send to: the configured one, or the transport's default. */
    public int effectivePort() {
        return port == 0 ? transport.defaultPort() : port;
    }
}
