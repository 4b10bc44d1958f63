package io.sipcall.persistence.crypto;

import io.sipcall.config.EncryptionConfig;
import io.sipcall.persistence.PersistenceException;
import io.sipcall.persistence.internal.SecretFiles;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encryption keys of one instance: from {@code encryption} when it lists keys, otherwise
 * generated once into {@code data-dir/secrets} (owner-only files) and read back on every start.
 *
 * @param cipher the AES-256-GCM field cipher
 * @param lookup the HMAC for number lookups
 */
public record KeyRing(FieldCipher cipher, LookupHash lookup) {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);
    private static final String GENERATED_KEY_ID = "local1";

    /** The keys {@code config} gives, or the generated ones under {@code dataDir}. */
    public static KeyRing load(EncryptionConfig config, Path dataDir) {
        if (!config.generated()) {
            Map<String, SecretKey> keys = new LinkedHashMap<>();
            config.keys().forEach((id, secret) -> keys.put(id, aes(Base64.getDecoder().decode(secret.reveal()))));
            byte[] lookup = Base64.getDecoder().decode(config.lookupKey()
                    .orElseThrow(() -> new PersistenceException("encryption.lookup-key is missing")).reveal());
            return new KeyRing(new FieldCipher(keys, config.activeKey()), new LookupHash(hmac(lookup)));
        }
        Path secrets = dataDir.resolve("secrets");
        boolean existed = java.nio.file.Files.exists(secrets.resolve("encryption-key-" + GENERATED_KEY_ID));
        byte[] aes = SecretFiles.readOrCreate(secrets.resolve("encryption-key-" + GENERATED_KEY_ID), () -> random(32));
        byte[] lookup = SecretFiles.readOrCreate(secrets.resolve("lookup-key"), () -> random(32));
        LOG.warn("event={} dir={} note=\"no encryption.keys configured: phone numbers and trunk secrets are "
                + "encrypted with keys kept beside the data; configure encryption.keys for production\"",
                existed ? "encryption-keys-from-data-dir" : "encryption-keys-generated", secrets);
        return new KeyRing(new FieldCipher(Map.of(GENERATED_KEY_ID, aes(aes)), GENERATED_KEY_ID),
                new LookupHash(hmac(lookup)));
    }

    /** A key ring from raw keys (tests). */
    public static KeyRing of(Map<String, byte[]> aesKeys, String activeKey, byte[] lookupKey) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        aesKeys.forEach((id, key) -> keys.put(id, aes(key)));
        return new KeyRing(new FieldCipher(keys, activeKey), new LookupHash(hmac(lookupKey)));
    }

    private static SecretKey aes(byte[] key) {
        if (key.length != 32) {
            throw new PersistenceException("an AES-256 key must be 32 bytes, was " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }

    private static SecretKey hmac(byte[] key) {
        return new SecretKeySpec(key, "HmacSHA256");
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
