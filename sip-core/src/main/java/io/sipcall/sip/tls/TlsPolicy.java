package io.sipcall.sip.tls;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;

/**
 * Which TLS versions and cipher suites SIPCall ever enables: TLS 1.2 and 1.3 only, forward-secret
 * AEAD suites only. JAIN-SIP's own defaults (TLSv1, TLSv1.1, RSA key exchange, anonymous DH)
 * must never reach an SSLEngine.
 */
public final class TlsPolicy {

    static final String PROTOCOLS_KEY = "sip.tls.protocols";

    /** Protocol versions {@code sip.tls.protocols} may name. */
    public static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    /**
     * In preference order: the TLS 1.3 suites, then TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305
     * for ECDSA and for RSA certificates (RFC 7525 / BSI TR-02102-2 recommendations).
     */
    public static final List<String> MODERN_CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {
    }

    /**
     * The configured protocol versions, checked.
     *
     * @throws TlsMaterialException naming {@code sip.tls.protocols} when the list is empty or names
     *                              anything but {@code TLSv1.2} / {@code TLSv1.3}
     */
    public static List<String> enabledProtocols(List<String> configured) {
        if (configured.isEmpty()) {
            throw new TlsMaterialException(PROTOCOLS_KEY, "must name at least one of " + ALLOWED_PROTOCOLS);
        }
        for (String protocol : configured) {
            if (!ALLOWED_PROTOCOLS.contains(protocol)) {
                throw new TlsMaterialException(PROTOCOLS_KEY,
                        "'" + protocol + "' is not allowed; use " + ALLOWED_PROTOCOLS);
            }
        }
        return List.copyOf(configured);
    }

    /**
     * {@link #MODERN_CIPHER_SUITES} that this JDK implements, in the same order; an unknown name
     * would make {@code SSLEngine.setEnabledCipherSuites} throw on every connection.
     */
    public static List<String> enabledCipherSuites() {
        List<String> supported = Arrays.asList(jdkSupportedCipherSuites());
        List<String> enabled = MODERN_CIPHER_SUITES.stream().filter(supported::contains).toList();
        if (enabled.isEmpty()) {
            throw new TlsMaterialException("JDK TLS provider", "supports none of " + MODERN_CIPHER_SUITES);
        }
        return enabled;
    }

    private static String[] jdkSupportedCipherSuites() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            return context.getSupportedSSLParameters().getCipherSuites();
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException("JDK TLS provider", "unavailable: " + e, e);
        }
    }
}
