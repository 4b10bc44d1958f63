package io.sipcall.persistence.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts single values with AES-256-GCM (JCA). A stored value is {@code v1:KEYID:BASE64}, where
 * BASE64 holds the 96-bit random nonce followed by the ciphertext and its 128-bit tag (NIST SP
 * 800-38D). The key id travels with the value, so values written under an older key still decrypt
 * after the active key changes. The caller names a {@code context} (such as {@code calls.to_number})
 * that is bound in as associated data: a value copied into another column fails to decrypt.
 */
public final class FieldCipher {

    private static final String PREFIX = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys      AES-256 keys by id
     * @param activeKey the id new values are encrypted under
     */
    public FieldCipher(Map<String, SecretKey> keys, String activeKey) {
        this.keys = Map.copyOf(keys);
        this.activeKey = Objects.requireNonNull(activeKey, "activeKey");
        if (!this.keys.containsKey(activeKey)) {
            throw new IllegalArgumentException("active key '" + activeKey + "' is not among " + this.keys.keySet());
        }
        if (activeKey.contains(":")) {
            throw new IllegalArgumentException("key ids must not contain ':'");
        }
    }

    /** The id new values are encrypted under. */
    public String activeKey() {
        return activeKey;
    }

    /** {@code plaintext} encrypted under the active key, bound to {@code context}. */
    public String encrypt(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(activeKey, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + ":" + activeKey + ":" + Base64.getEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot encrypt a value for " + context, e);
        }
    }

    /** {@code plaintext} encrypted, or null for null (an absent value stays absent). */
    public String encryptNullable(String plaintext, String context) {
        return plaintext == null ? null : encrypt(plaintext, context);
    }

    /**
     * The plaintext of a value {@link #encrypt} produced for the same {@code context}.
     *
     * @throws CryptoException when the value is malformed, its key is unknown, or it was tampered
     *                         with or belongs to another context
     */
    public String decrypt(String stored, String context) {
        Objects.requireNonNull(stored, "stored");
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            throw new CryptoException("a value of " + context + " is not in the v1:KEYID:DATA form");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new CryptoException("a value of " + context + " is encrypted under key '" + parts[1]
                    + "', which encryption.keys does not list (keep old keys until nothing uses them)");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new CryptoException("a value of " + context + " is too short to be a ciphertext");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(parts[1], context));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new CryptoException("a value of " + context + " does not decrypt (tampered, or another "
                    + "column's value)", e);
        }
    }

    /** The plaintext, or null for null. */
    public String decryptNullable(String stored, String context) {
        return stored == null ? null : decrypt(stored, context);
    }

    /** The id of the key {@code stored} was encrypted under. */
    public static String keyIdOf(String stored) {
        String[] parts = stored.split(":", 3);
        return parts.length == 3 ? parts[1] : "";
    }

    private static byte[] aad(String keyId, String context) {
        return (PREFIX + ":" + keyId + ":" + context).getBytes(StandardCharsets.UTF_8);
    }
}
