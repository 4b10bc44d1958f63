package io.sipcall.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * TLS for the SIP listener.
 *
 * @param certificate PEM certificate chain; key {@code sip.tls.certificate}; absent means a
 *                    self-signed certificate generated on first start under the data directory
 * @param privateKey  PEM private key (PKCS#8 or traditional); key {@code sip.tls.private-key};
 *                    required exactly when a certificate is given
 * @param protocols   enabled protocol versions, each {@code TLSv1.2} or {@code TLSv1.3}; key
 *                    {@code sip.tls.protocols}
 */
public record TlsConfig(Optional<Path> certificate, Optional<Path> privateKey, List<String> protocols) {

    public TlsConfig {
        certificate = certificate == null ? Optional.empty() : certificate;
        privateKey = privateKey == null ? Optional.empty() : privateKey;
        protocols = protocols == null ? List.of("TLSv1.3", "TLSv1.2") : List.copyOf(protocols);
    }
}
