package io.sipcall.sip.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Reads and writes the PEM files that hold the SIP listener's certificate chain and private key.
 * Conversions use the JDK's own providers (no BouncyCastle provider is registered), so the keys
 * work unchanged with the JDK's KeyStore and TLS implementation.
 */
final class PemFiles {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PemFiles() {
    }

    /** The certificates in the file, in file order (leaf first by convention); other PEM blocks are ignored. */
    static List<X509Certificate> readCertificates(PemSource source) {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : readObjects(source)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw source.problem("certificate cannot be decoded: " + e.getMessage(), e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw source.problem("no certificate in file (expected a PEM CERTIFICATE block)");
        }
        return List.copyOf(certificates);
    }

    /**
     * The first private key in the file: PKCS#8 {@code PRIVATE KEY} or a traditional
     * {@code RSA PRIVATE KEY} / {@code EC PRIVATE KEY}. Encrypted keys are refused.
     */
    static PrivateKey readPrivateKey(PemSource source) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object object : readObjects(source)) {
            try {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    // Not getKeyPair(): an EC PRIVATE KEY may legitimately omit its public key (RFC 5915).
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            } catch (PEMException e) {
                throw source.problem("unsupported key format: " + e.getMessage(), e);
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                throw source.problem("unsupported key format: the key is encrypted; give an unencrypted key");
            }
        }
        throw source.problem(
                "no private key in file (expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static List<Object> readObjects(PemSource source) {
        String text = readText(source);
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            // PEMParser reports bad base64, bad DER and unknown block types this way.
            throw source.problem("not a valid PEM file: " + e.getMessage(), e);
        }
        return objects;
    }

    private static String readText(PemSource source) {
        try {
            return new String(Files.readAllBytes(source.file()), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw source.problem("unreadable: the file does not exist", e);
        } catch (AccessDeniedException e) {
            throw source.problem("unreadable: permission denied", e);
        } catch (IOException e) {
            throw source.problem("unreadable: " + e, e);
        }
    }

    static String encodeCertificate(X509Certificate certificate) {
        return encode(certificate);
    }

    /** PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), unencrypted. */
    static String encodePrivateKey(PrivateKey key) {
        try {
            return encode(new JcaPKCS8Generator(key, null));
        } catch (PemGenerationException e) {
            throw new TlsMaterialException("generated private key", "cannot be PEM-encoded: " + e, e);
        }
    }

    private static String encode(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            // Only a StringWriter underneath: an IOException here is a BouncyCastle encoding failure.
            throw new TlsMaterialException("generated " + object.getClass().getSimpleName(),
                    "cannot be PEM-encoded: " + e, e);
        }
        return text.toString();
    }

    /** Creates the directory (and parents); a newly created last level is made owner-only where POSIX applies. */
    static void createPrivateDirectory(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                return;
            }
            Files.createDirectories(directory);
            if (supportsPosix(directory)) {
                Files.setPosixFilePermissions(directory, PRIVATE_DIRECTORY);
            }
        } catch (IOException e) {
            throw new TlsMaterialException(directory.toString(), "cannot create directory: " + e, e);
        }
    }

    /**
     * Writes {@code text} to a temporary file beside {@code target}, created with
     * {@code permissions} where the file system supports POSIX permissions, then moves it over
     * {@code target}, atomically where the file system allows. A reader never sees a partial file.
     */
    static void writeAtomically(Path target, String text, Set<PosixFilePermission> permissions) {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            temporary = supportsPosix(directory)
                    ? Files.createTempFile(directory, ".tmp-", ".pem", PosixFilePermissions.asFileAttribute(permissions))
                    : Files.createTempFile(directory, ".tmp-", ".pem");
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            move(temporary, target);
            temporary = null;
        } catch (IOException e) {
            throw new TlsMaterialException(target.toString(), "cannot be written: " + e, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // The write already failed and that failure is being thrown; a stray temp file is secondary.
        }
    }

    static boolean supportsPosix(Path directory) throws IOException {
        return Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
