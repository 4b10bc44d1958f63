package io.sipcall.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Who may send calls and registrations from the gateway side. Key {@code gateway}.
 *
 * @param realm          digest realm of our challenges; HA1 values are bound to it; key
 *                       {@code gateway.realm} (default {@code sipcall})
 * @param trustedPeers   source addresses or CIDR blocks whose requests are trusted without digest,
 *                       the user being asserted in P-Asserted-Identity; key {@code gateway.trusted-peers}
 * @param trustedCertificates PEM files of the certificates (or CAs) that identify trusted peers over
 *                       TLS: a client presenting a chain they verify is trusted like a trusted-peers
 *                       address; key {@code gateway.trusted-certificates}
 * @param nonceLifetime  how long a nonce we issue stays valid; key {@code gateway.nonce-lifetime} (default 5m)
 * @param authFailures   blocking of sources that keep failing authentication; key {@code gateway.auth-failures}
 */
public record GatewayConfig(String realm, List<String> trustedPeers, List<java.nio.file.Path> trustedCertificates,
        Duration nonceLifetime, AuthFailures authFailures) {

    public GatewayConfig {
        Objects.requireNonNull(realm, "realm");
        trustedPeers = trustedPeers == null ? List.of() : List.copyOf(trustedPeers);
        trustedCertificates = trustedCertificates == null ? List.of() : List.copyOf(trustedCertificates);
        Objects.requireNonNull(nonceLifetime, "nonce-lifetime");
        Objects.requireNonNull(authFailures, "auth-failures");
    }

    /**
     * @param maxFailures failures from one source within {@code window} that get it blocked; key
     *                    {@code gateway.auth-failures.max-failures} (default 5)
     * @param window      key {@code gateway.auth-failures.window} (default 60s)
     * @param blockFor    how long a source stays blocked; key {@code gateway.auth-failures.block-for} (default 10m)
     */
    public record AuthFailures(int maxFailures, Duration window, Duration blockFor) {
        public AuthFailures {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(blockFor, "block-for");
        }
    }
}
