package io.sipcall.sip.tls;

import gov.nist.core.net.SecurityManagerProvider;
import io.sipcall.config.TlsConfig;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Gives JAIN-SIP's TLS transport our PEM certificate and key instead of a Java key store.
 *
 * <p>The stack instantiates this class by name (property
 * {@value #SECURITY_MANAGER_PROVIDER_PROPERTY}) through its no-argument constructor and calls
 * {@link #init(Properties)} once from its constructor, before any listening point exists; the
 * managers are read-only afterwards. Use {@link #stackProperties(TlsMaterial, TlsConfig)} to
 * configure the stack.
 *
 * <p>Trust: the server side never asks for client certificates (client authentication is
 * {@value #CLIENT_AUTH_TYPE}), and the client side (towards trunks, which present public CA
 * certificates) trusts the JDK's default CA store.
 */
public final class PemSecurityManagerProvider implements SecurityManagerProvider {

    public static final String CERTIFICATE_PROPERTY = "io.sipcall.tls.certificate";
    public static final String PRIVATE_KEY_PROPERTY = "io.sipcall.tls.private-key";
    /** PEM files, one per line, whose certificates verify TLS clients (client auth is then Want). */
    public static final String TRUSTED_CLIENTS_PROPERTY = "io.sipcall.tls.trusted-clients";

    public static final String SECURITY_MANAGER_PROVIDER_PROPERTY = "gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER";
    public static final String CLIENT_AUTH_TYPE_PROPERTY = "gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE";
    public static final String PROTOCOLS_PROPERTY = "gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS";
    public static final String CIPHER_SUITES_PROPERTY = "gov.nist.javax.sip.ENABLED_CIPHER_SUITES";
    /**
     * Neither requested nor required from clients. Not {@code DisabledAll}: with that value the
     * RI replaces the trust managers of both sides with trust-all ones (NioTlsMessageProcessor.init).
     */
    public static final String CLIENT_AUTH_TYPE = "Disabled";

    private volatile KeyManager[] keyManagers;
    private volatile TrustManager[] trustManagers;
    /** Verify the certificates TLS clients present: the JDK's CAs, or only the trusted certificates. */
    private volatile TrustManager[] clientTrustManagers;

    /** Called reflectively by the SIP stack. */
    public PemSecurityManagerProvider() {
    }

    /**
     * The properties to add to the JAIN-SIP stack's configuration so that its TLS transport uses
     * {@code material}, the protocol versions of {@code config} and only {@link TlsPolicy}'s cipher
     * suites. (The RI applies {@code TLS_CLIENT_PROTOCOLS} to server and client engines alike.)
     *
     * @throws TlsMaterialException naming {@code sip.tls.protocols} when it allows anything older than TLS 1.2
     */
    public static Properties stackProperties(TlsMaterial material, TlsConfig config) {
        Properties properties = new Properties();
        properties.setProperty(SECURITY_MANAGER_PROVIDER_PROPERTY, PemSecurityManagerProvider.class.getName());
        properties.setProperty(CERTIFICATE_PROPERTY, material.certificateFile().toString());
        properties.setProperty(PRIVATE_KEY_PROPERTY, material.privateKeyFile().toString());
        properties.setProperty(CLIENT_AUTH_TYPE_PROPERTY, CLIENT_AUTH_TYPE);
        properties.setProperty(PROTOCOLS_PROPERTY, String.join(",", TlsPolicy.enabledProtocols(config.protocols())));
        properties.setProperty(CIPHER_SUITES_PROPERTY, String.join(",", TlsPolicy.enabledCipherSuites()));
        return properties;
    }

    /**
     * As {@link #stackProperties(TlsMaterial, TlsConfig)}, and when {@code trustedClients} is not empty
     * the listener asks clients for a certificate ({@code Want}: clients without one still connect)
     * and verifies a presented one against the certificates in those PEM files only.
     */
    public static Properties stackProperties(TlsMaterial material, TlsConfig config, java.util.List<Path> trustedClients) {
        Properties properties = stackProperties(material, config);
        if (!trustedClients.isEmpty()) {
            properties.setProperty(CLIENT_AUTH_TYPE_PROPERTY, "Want");
            properties.setProperty(TRUSTED_CLIENTS_PROPERTY, String.join("\n",
                    trustedClients.stream().map(path -> path.toAbsolutePath().toString()).toList()));
        }
        return properties;
    }

    /**
     * Reads the PEM files named by {@value #CERTIFICATE_PROPERTY} and {@value #PRIVATE_KEY_PROPERTY}.
     *
     * @throws TlsMaterialException naming the property or file at fault
     */
    @Override
    public void init(Properties properties) throws GeneralSecurityException {
        TlsMaterial material = TlsMaterial.load(
                PemSource.configured(CERTIFICATE_PROPERTY, requiredPath(properties, CERTIFICATE_PROPERTY)),
                PemSource.configured(PRIVATE_KEY_PROPERTY, requiredPath(properties, PRIVATE_KEY_PROPERTY)));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null); // the JDK's default CA store
        this.keyManagers = material.keyManagers();
        this.trustManagers = factory.getTrustManagers();
        String trustedClients = properties.getProperty(TRUSTED_CLIENTS_PROPERTY);
        this.clientTrustManagers = trustedClients == null ? trustManagers : trustOnly(trustedClients.split("\n"));
    }

    /** Trust managers that accept exactly the certificates (or CAs) in {@code pemFiles}. */
    private static TrustManager[] trustOnly(String[] pemFiles) throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            java.security.cert.CertificateFactory x509 = java.security.cert.CertificateFactory.getInstance("X.509");
            int n = 0;
            for (String file : pemFiles) {
                try (java.io.InputStream in = java.nio.file.Files.newInputStream(Path.of(file))) {
                    for (java.security.cert.Certificate certificate : x509.generateCertificates(in)) {
                        store.setCertificateEntry("trusted-" + n++, certificate);
                    }
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (java.io.IOException e) {
            throw new TlsMaterialException("gateway.trusted-certificates", "cannot read: " + e.getMessage(), e);
        }
    }

    private static Path requiredPath(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new TlsMaterialException(name, "stack property is missing; use PemSecurityManagerProvider.stackProperties");
        }
        return Path.of(value);
    }

    /** Our certificate, for both sides (the client side presents it only if a trunk asks). */
    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        KeyManager[] managers = keyManagers;
        return managers == null ? null : managers.clone();
    }

    /**
     * The client side (towards trunks) checks server certificates against the JDK's public CAs; the
     * server side verifies client certificates against {@value #TRUSTED_CLIENTS_PROPERTY} when given
     * (otherwise none are requested, and the JDK's CAs stand in).
     */
    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        TrustManager[] managers = client ? trustManagers : clientTrustManagers;
        return managers == null ? null : managers.clone();
    }
}
