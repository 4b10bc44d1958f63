package io.sipcall.sip.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * Proves a private key belongs to a certificate by signing a random challenge with the key and
 * verifying it with the certificate's public key; works the same for RSA, EC and EdDSA keys.
 */
final class KeyMatch {

    private KeyMatch() {
    }

    static void verify(X509Certificate leaf, PrivateKey key, PemSource certificateSource, PemSource keySource) {
        String algorithm = signatureAlgorithm(key.getAlgorithm());
        if (algorithm == null) {
            throw keySource.problem("unsupported key format: " + key.getAlgorithm()
                    + " keys are not supported (use an RSA, EC or EdDSA key)");
        }
        PublicKey publicKey = leaf.getPublicKey();
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm()) || !signs(algorithm, key, publicKey)) {
            throw keySource.problem("key does not match certificate " + certificateSource.describe());
        }
    }

    private static boolean signs(String algorithm, PrivateKey key, PublicKey publicKey) {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // e.g. an EC key on another curve than the certificate's: not a pair.
            return false;
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> keyAlgorithm;
            default -> null;
        };
    }
}
