package io.sipcall.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The SIP side of the B2BUA.
 *
 * @param bindAddress        local address the listeners bind to; key {@code sip.bind-address}
 * @param advertisedAddress  host or IP written into our Via and Contact headers; key
 *                           {@code sip.advertised-address}; empty means the bind address (or, when
 *                           binding to a wildcard, the host's first non-loopback address)
 * @param udpPort            UDP listener port, 0 disables it; key {@code sip.udp-port}
 * @param tcpPort            TCP listener port, 0 disables it; key {@code sip.tcp-port}
 * @param tlsPort            TLS listener port, 0 disables it; key {@code sip.tls-port}
 * @param tls                TLS material and protocol versions; key {@code sip.tls}
 * @param noAnswerTimeout    how long the callee may ring before the call is given up with 480;
 *                           key {@code sip.no-answer-timeout}
 * @param trunkResponseTimeout how long the trunk may stay silent (no provisional or final
 *                           response) before the attempt is given up as 408, like Kamailio's
 *                           {@code fr_timer}; key {@code sip.trunk-response-timeout}
 * @param maxCallDuration    longest an answered call may last before both legs are hung up; a guard
 *                           against calls whose ends vanished without a BYE, and against toll
 *                           fraud; key {@code sip.max-call-duration}
 * @param workerThreads      threads that run call logic; 0 means twice the CPU count; key
 *                           {@code sip.worker-threads}
 */
public record SipConfig(
        String bindAddress,
        String advertisedAddress,
        int udpPort,
        int tcpPort,
        int tlsPort,
        TlsConfig tls,
        Duration noAnswerTimeout,
        Duration trunkResponseTimeout,
        Duration maxCallDuration,
        int workerThreads) {

    public SipConfig {
        Objects.requireNonNull(bindAddress, "sip.bind-address");
        advertisedAddress = advertisedAddress == null ? "" : advertisedAddress;
        Objects.requireNonNull(tls, "sip.tls");
        Objects.requireNonNull(noAnswerTimeout, "sip.no-answer-timeout");
        Objects.requireNonNull(trunkResponseTimeout, "sip.trunk-response-timeout");
        Objects.requireNonNull(maxCallDuration, "sip.max-call-duration");
    }
}
