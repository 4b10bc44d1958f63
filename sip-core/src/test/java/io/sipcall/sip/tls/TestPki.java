package io.sipcall.sip.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Key pairs, certificates and PEM files for tests, made with BouncyCastle on the JDK's providers. */
final class TestPki {

    record Pair(KeyPair keys, X509Certificate certificate) {
    }

    private TestPki() {
    }

    static Pair rsa(String commonName) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return selfSigned(generator.generateKeyPair(), "SHA256withRSA", commonName, Instant.now(), Duration.ofDays(30));
    }

    static Pair ec(String commonName) throws Exception {
        return ec(commonName, Instant.now(), Duration.ofDays(30));
    }

    static Pair ec(String commonName, Instant notBefore, Duration validity) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return selfSigned(generator.generateKeyPair(), "SHA256withECDSA", commonName, notBefore, validity);
    }

    /** An RSA certificate for {@code commonName} issued by {@code issuer}. */
    static Pair rsaIssuedBy(Pair issuer, String commonName) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(System.nanoTime()),
                Date.from(now), Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=" + commonName),
                keys.getPublic());
        var holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.keys().getPrivate()));
        return new Pair(keys, new JcaX509CertificateConverter().getCertificate(holder));
    }

    private static Pair selfSigned(KeyPair keys, String signatureAlgorithm, String commonName, Instant notBefore,
            Duration validity) throws GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500Name("CN=" + commonName);
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                Date.from(notBefore), Date.from(notBefore.plus(validity)), name, keys.getPublic());
        var holder = builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate()));
        return new Pair(keys, new JcaX509CertificateConverter().getCertificate(holder));
    }

    static Path writeCertificates(Path file, X509Certificate... certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        }
        return Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }

    /** {@code -----BEGIN PRIVATE KEY-----}. */
    static Path writePkcs8(Path file, KeyPair keys) throws IOException {
        return write(file, new JcaPKCS8Generator(keys.getPrivate(), null));
    }

    /** {@code -----BEGIN RSA PRIVATE KEY-----} (PKCS#1), as {@code openssl genrsa -traditional} writes it. */
    static Path writeTraditionalRsa(Path file, KeyPair keys) throws IOException {
        return write(file, keys.getPrivate());
    }

    /**
     * {@code -----BEGIN EC PRIVATE KEY-----} (RFC 5915) with the curve and public key, as
     * {@code openssl ecparam -genkey} writes it. (BouncyCastle's writer, given a JDK key, leaves the
     * curve out, which neither OpenSSL nor this reader accepts.)
     */
    static Path writeTraditionalEc(Path file, KeyPair keys) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        byte[] publicPoint = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getOctets();
        DERBitString publicKey = new DERBitString(publicPoint);
        ECPrivateKey full = new ECPrivateKey(256, inner.getKey(), publicKey,
                info.getPrivateKeyAlgorithm().getParameters());
        return write(file, new PemObject("EC PRIVATE KEY", full.getEncoded()));
    }

    private static Path write(Path file, Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }

    /** A client context that trusts exactly {@code certificate}. */
    static SSLContext clientTrusting(X509Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
