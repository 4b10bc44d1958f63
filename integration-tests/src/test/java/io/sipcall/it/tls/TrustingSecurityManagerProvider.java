package io.sipcall.it.tls;

import io.sipcall.config.TlsConfig;
import io.sipcall.sip.tls.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test UA's TLS identity: its own PEM pair, and trust in exactly one certificate (the B2BUA's
 * self-signed one), so the handshake is verified for real rather than trusted blindly.
 */
public final class TrustingSecurityManagerProvider implements gov.nist.core.net.SecurityManagerProvider {

    static final String OWN_CERT = "io.sipcall.test.cert";
    static final String OWN_KEY = "io.sipcall.test.key";
    static final String TRUSTED = "io.sipcall.test.trusted";

    private KeyManager[] keyManagers;
    private TrustManager[] trustManagers;

    @Override
    public void init(Properties properties) throws GeneralSecurityException, IOException {
        Path cert = Path.of(properties.getProperty(OWN_CERT));
        TlsMaterial own = TlsMaterial.loadOrCreate(new TlsConfig(Optional.of(cert),
                Optional.of(Path.of(properties.getProperty(OWN_KEY))), List.of("TLSv1.3", "TLSv1.2")),
                cert.getParent(), "127.0.0.1");
        keyManagers = own.keyManagers();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(properties.getProperty(TRUSTED)))) {
            X509Certificate trusted = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("b2bua", trusted);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        trustManagers = factory.getTrustManagers();
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        return keyManagers;
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        return trustManagers;
    }
}
