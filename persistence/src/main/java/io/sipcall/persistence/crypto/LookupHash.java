package io.sipcall.persistence.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * HMAC-SHA256 of a normalised value (an E.164 number), stored beside its ciphertext so records can be
 * found by number without decrypting them, and without the hash alone revealing the number to
 * someone who lacks the key (a plain hash of a phone number is reversed by enumeration).
 */
public final class LookupHash {

    private final SecretKey key;

    public LookupHash(SecretKey key) {
        this.key = key;
    }

    /** The 32-byte HMAC of {@code normalised}. */
    public byte[] of(String normalised) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot compute a lookup hash", e);
        }
    }

    /** The HMAC, or null for null. */
    public byte[] ofNullable(String normalised) {
        return normalised == null ? null : of(normalised);
    }
}
