package io.sipcall.sip.tls;

import io.sipcall.config.TlsConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP listener's certificate chain and private key, read from PEM files. Immutable.
 *
 * <p>{@link #loadOrCreate} uses the configured files when {@code sip.tls.certificate} and
 * {@code sip.tls.private-key} are set; otherwise a self-signed certificate kept under
 * {@code <data-dir>/tls/}, generated on first start and reused afterwards.
 */
public final class TlsMaterial {

    static final String CERTIFICATE_KEY = "sip.tls.certificate";
    static final String PRIVATE_KEY_KEY = "sip.tls.private-key";
    static final String GENERATED_DIRECTORY = "tls";
    static final String GENERATED_CERTIFICATE = "sip-cert.pem";
    static final String GENERATED_PRIVATE_KEY = "sip-key.pem";

    private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;
    private final Path certificateFile;
    private final Path privateKeyFile;
    private final String fingerprint;

    private TlsMaterial(List<X509Certificate> chain, PrivateKey privateKey, Path certificateFile, Path privateKeyFile) {
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
        this.certificateFile = certificateFile.toAbsolutePath();
        this.privateKeyFile = privateKeyFile.toAbsolutePath();
        this.fingerprint = sha256Fingerprint(chain.get(0));
    }

    /**
     * The configured certificate and key, or the self-signed pair under {@code dataDir/tls},
     * generated (for {@code hostName}) when absent.
     *
     * @throws TlsMaterialException naming the key or file at fault
     */
    public static TlsMaterial loadOrCreate(TlsConfig config, Path dataDir, String hostName) {
        return loadOrCreate(config, dataDir, hostName, Clock.systemUTC());
    }

    static TlsMaterial loadOrCreate(TlsConfig config, Path dataDir, String hostName, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        if (config.certificate().isPresent() || config.privateKey().isPresent()) {
            return loadConfigured(config, clock);
        }
        return loadOrGenerate(dataDir.resolve(GENERATED_DIRECTORY), hostName, clock);
    }

    private static TlsMaterial loadConfigured(TlsConfig config, Clock clock) {
        Path certificate = config.certificate().orElseThrow(() ->
                new TlsMaterialException(CERTIFICATE_KEY, "required when " + PRIVATE_KEY_KEY + " is set"));
        Path key = config.privateKey().orElseThrow(() ->
                new TlsMaterialException(PRIVATE_KEY_KEY, "required when " + CERTIFICATE_KEY + " is set"));
        PemSource certificateSource = PemSource.configured(CERTIFICATE_KEY, certificate);
        TlsMaterial material = load(certificateSource, PemSource.configured(PRIVATE_KEY_KEY, key));
        material.warnIfExpired(certificateSource, clock.instant());
        LOG.info("SIP TLS certificate {} loaded from {}, valid until {}, SHA-256 fingerprint {}",
                material.leaf().getSubjectX500Principal().getName(), material.certificateFile,
                material.leaf().getNotAfter().toInstant(), material.fingerprint);
        return material;
    }

    private static TlsMaterial loadOrGenerate(Path directory, String hostName, Clock clock) {
        Path certificate = directory.resolve(GENERATED_CERTIFICATE);
        Path key = directory.resolve(GENERATED_PRIVATE_KEY);
        boolean certificateExists = Files.exists(certificate);
        boolean keyExists = Files.exists(key);
        if (certificateExists && keyExists) {
            PemSource certificateSource = PemSource.file(certificate);
            TlsMaterial material = load(certificateSource, PemSource.file(key));
            material.warnIfExpired(certificateSource, clock.instant());
            LOG.info("SIP TLS self-signed certificate reused from {}, valid until {}, SHA-256 fingerprint {}",
                    material.certificateFile, material.leaf().getNotAfter().toInstant(), material.fingerprint);
            return material;
        }
        if (certificateExists || keyExists) {
            LOG.warn("SIP TLS: only one of {} and {} exists; generating a new self-signed pair", certificate, key);
        }
        return generate(directory, certificate, key, hostName, clock.instant());
    }

    private static TlsMaterial generate(Path directory, Path certificate, Path key, String hostName, Instant now) {
        SelfSignedCertificate generated = SelfSignedCertificate.generate(hostName, now);
        PemFiles.createPrivateDirectory(directory);
        PemFiles.writeAtomically(key, PemFiles.encodePrivateKey(generated.privateKey()), PemFiles.OWNER_ONLY);
        PemFiles.writeAtomically(certificate, PemFiles.encodeCertificate(generated.certificate()),
                PemFiles.WORLD_READABLE);
        TlsMaterial material = new TlsMaterial(List.of(generated.certificate()), generated.privateKey(), certificate, key);
        LOG.info("SIP TLS self-signed certificate generated for {} in {}, valid until {}, SHA-256 fingerprint {}",
                hostName, material.certificateFile, material.leaf().getNotAfter().toInstant(), material.fingerprint);
        return material;
    }

    /** Reads both files and checks that the key belongs to the leaf certificate; no logging. */
    static TlsMaterial load(PemSource certificateSource, PemSource keySource) {
        List<X509Certificate> chain = PemFiles.readCertificates(certificateSource);
        verifyChainOrder(chain, certificateSource);
        PrivateKey key = PemFiles.readPrivateKey(keySource);
        KeyMatch.verify(chain.get(0), key, certificateSource, keySource);
        return new TlsMaterial(chain, key, certificateSource.file(), keySource.file());
    }

    /**
     * Each certificate must be issued by the next one, without repeats: the rule the JDK's PKCS#12
     * key store enforces in {@link #keyManagers()}, checked here so the message can name the file.
     */
    private static void verifyChainOrder(List<X509Certificate> chain, PemSource source) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            X509Certificate next = chain.get(i + 1);
            if (!certificate.getIssuerX500Principal().equals(next.getSubjectX500Principal())) {
                throw source.problem("certificate chain out of order: certificate " + (i + 2) + " ("
                        + next.getSubjectX500Principal().getName() + ") did not issue certificate " + (i + 1) + " ("
                        + certificate.getSubjectX500Principal().getName()
                        + "); list the server certificate first, then each issuer");
            }
        }
        if (new HashSet<>(chain).size() != chain.size()) {
            throw source.problem("certificate chain lists the same certificate twice");
        }
    }

    private void warnIfExpired(PemSource source, Instant now) {
        Instant notAfter = leaf().getNotAfter().toInstant();
        if (notAfter.isBefore(now)) {
            LOG.warn("SIP TLS certificate {} expired on {}; peers that check it will refuse the connection",
                    source.describe(), notAfter);
        }
    }

    /**
     * Key managers over an in-memory PKCS#12 key store holding this key and chain. Each call builds
     * a new store with a throw-away password.
     */
    public KeyManager[] keyManagers() {
        char[] password = throwAwayPassword();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("sip", privateKey, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException(certificateFile.toString(), "cannot build TLS key managers: " + e, e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** SHA-256 over the leaf certificate's DER encoding, upper-case hex pairs joined by colons. */
    public String sha256Fingerprint() {
        return fingerprint;
    }

    /** The certificate chain, leaf first. */
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    /** Absolute path of the PEM certificate chain this material was read from or written to. */
    public Path certificateFile() {
        return certificateFile;
    }

    /** Absolute path of the PEM private key this material was read from or written to. */
    public Path privateKeyFile() {
        return privateKeyFile;
    }

    private X509Certificate leaf() {
        return chain.get(0);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "TlsMaterial[" + leaf().getSubjectX500Principal().getName() + ", SHA-256 " + fingerprint + "]";
    }

    private static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static char[] throwAwayPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('!' + random.nextInt(94));
        }
        return password;
    }
}
