package io.sipcall.sip.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * A self-signed end-entity certificate for the SIP TLS listener: EC P-256, SHA256withECDSA,
 * valid 825 days (the longest lifetime current TLS clients accept for a server certificate).
 */
record SelfSignedCertificate(X509Certificate certificate, PrivateKey privateKey) {

    static final Duration VALIDITY = Duration.ofDays(825);
    /** notBefore lies this far in the past so a peer whose clock runs slightly behind accepts it. */
    static final Duration BACKDATE = Duration.ofHours(1);
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    /**
     * Generates a key pair and certificate with {@code CN=hostName} and subject alternative names
     * for {@code hostName}, {@code localhost} and {@code 127.0.0.1} (an IP literal becomes an
     * iPAddress entry, anything else a dNSName).
     */
    static SelfSignedCertificate generate(String hostName, Instant now) {
        String host = stripBrackets(hostName);
        try {
            KeyPair keyPair = newKeyPair();
            Instant notBefore = now.minus(BACKDATE);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, host).build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject, serialNumber(), Date.from(notBefore), Date.from(notBefore.plus(VALIDITY)),
                    subject, keyPair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(host));
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keyPair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new SelfSignedCertificate(certificate, keyPair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new TlsMaterialException("self-signed certificate for " + host, "cannot be generated: " + e, e);
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "SelfSignedCertificate[" + certificate.getSubjectX500Principal().getName() + "]";
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Random, positive, at most 16 octets (RFC 5280 4.1.2.2 allows up to 20). */
    private static BigInteger serialNumber() {
        return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
    }

    private static GeneralNames alternativeNames(String host) {
        Set<String> names = new LinkedHashSet<>();
        names.add(host);
        names.add("localhost");
        names.add("127.0.0.1");
        return new GeneralNames(names.stream().map(SelfSignedCertificate::generalName).toArray(GeneralName[]::new));
    }

    private static GeneralName generalName(String name) {
        return IPAddress.isValid(name)
                ? new GeneralName(GeneralName.iPAddress, name)
                : new GeneralName(GeneralName.dNSName, name);
    }

    private static String stripBrackets(String hostName) {
        if (hostName == null || hostName.isBlank()) {
            throw new IllegalArgumentException("hostName must not be blank");
        }
        String host = hostName.strip();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
