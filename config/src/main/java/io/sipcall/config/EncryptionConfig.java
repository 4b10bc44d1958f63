package io.sipcall.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keys that encrypt phone numbers and trunk secrets at rest (AES-256-GCM) and hash numbers for
 * lookups (HMAC-SHA256). Keys come from here (environment or files), never from the database. With
 * no keys at all, SIPCall generates them once under {@code data-dir/secrets} (fine for a trial, but
 * then the keys sit beside the data they protect: give real keys in production).
 *
 * @param activeKey the id of the key new values are encrypted with; key {@code encryption.active-key}
 * @param keys      AES-256 keys by id, each 32 bytes in base64; key {@code encryption.keys.ID}. Old
 *                  keys stay listed until no stored value uses them (rotation).
 * @param lookupKey the HMAC key for number lookups, at least 32 bytes in base64; key
 *                  {@code encryption.lookup-key}. Unlike the AES keys it cannot rotate without
 *                  re-hashing every stored number.
 */
public record EncryptionConfig(String activeKey, Map<String, Secret> keys, Optional<Secret> lookupKey) {

    public EncryptionConfig {
        Objects.requireNonNull(activeKey, "encryption.active-key");
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        lookupKey = lookupKey == null ? Optional.empty() : lookupKey;
    }

    /** Whether no keys are configured, so generated ones under the data directory are used. */
    public boolean generated() {
        return keys.isEmpty();
    }
}
