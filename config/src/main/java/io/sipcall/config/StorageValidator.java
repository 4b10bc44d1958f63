package io.sipcall.config;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** The rules for {@code database}, {@code encryption} and {@code retention}. */
final class StorageValidator {

    private static final int AES_KEY_BYTES = 32;
    private static final int MIN_LOOKUP_KEY_BYTES = 32;
    private static final Duration MIN_RETENTION_INTERVAL = Duration.ofSeconds(1);

    private StorageValidator() {
    }

    static void validate(SipCallConfig config) {
        database(config.database());
        encryption(config.encryption());
        if (config.retention().interval().compareTo(MIN_RETENTION_INTERVAL) < 0) {
            throw new ConfigException("retention.interval", "must be at least 1s");
        }
    }

    private static void database(DatabaseConfig db) {
        db.url().ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new ConfigException("database.url", "must be a PostgreSQL JDBC URL "
                        + "(jdbc:postgresql://host:5432/sipcall), or empty for the embedded database");
            }
            if (db.username().isBlank()) {
                throw new ConfigException("database.username", "is required with database.url");
            }
        });
        positive("database.connect-timeout", db.connectTimeout());
        positive("database.startup-timeout", db.startupTimeout());
        positive("database.retry-interval", db.retryInterval());
    }

    private static void encryption(EncryptionConfig encryption) {
        if (encryption.generated()) {
            if (!encryption.activeKey().isEmpty()) {
                throw new ConfigException("encryption.active-key", "names key '" + encryption.activeKey()
                        + "' but encryption.keys is empty");
            }
            if (encryption.lookupKey().isPresent()) {
                throw new ConfigException("encryption.keys", "is required when encryption.lookup-key is given");
            }
            return;
        }
        for (Map.Entry<String, Secret> key : encryption.keys().entrySet()) {
            if (!key.getKey().matches("[A-Za-z0-9-]{1,32}")) {
                throw new ConfigException("encryption.keys." + key.getKey(),
                        "key ids are 1-32 letters, digits or '-'");
            }
            int length = base64Length("encryption.keys." + key.getKey(), key.getValue());
            if (length != AES_KEY_BYTES) {
                throw new ConfigException("encryption.keys." + key.getKey(), "must be 32 bytes (AES-256) in "
                        + "base64, was " + length + " bytes; make one with: openssl rand -base64 32");
            }
        }
        if (encryption.activeKey().isEmpty()) {
            throw new ConfigException("encryption.active-key", "is required when encryption.keys is given; "
                    + "name one of " + encryption.keys().keySet());
        }
        if (!encryption.keys().containsKey(encryption.activeKey())) {
            throw new ConfigException("encryption.active-key", "names key '" + encryption.activeKey()
                    + "', which encryption.keys does not have; it has " + encryption.keys().keySet());
        }
        Secret lookup = encryption.lookupKey().orElseThrow(() -> new ConfigException("encryption.lookup-key",
                "is required when encryption.keys is given (32+ bytes in base64: openssl rand -base64 32)"));
        if (base64Length("encryption.lookup-key", lookup) < MIN_LOOKUP_KEY_BYTES) {
            throw new ConfigException("encryption.lookup-key", "must be at least 32 bytes in base64; make one "
                    + "with: openssl rand -base64 32");
        }
    }

    /** The decoded length; the value itself never appears in the error. */
    private static int base64Length(String key, Secret value) {
        try {
            return Base64.getDecoder().decode(value.reveal()).length;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "is not valid base64");
        }
    }

    private static void positive(String key, Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            throw new ConfigException(key, "must be longer than 0");
        }
    }
}
