package io.sipcall.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where call records, users, trunks and the audit log are kept.
 *
 * @param url            JDBC URL of a PostgreSQL server ({@code jdbc:postgresql://host:5432/sipcall}); key
 *                       {@code database.url}. Empty runs an embedded PostgreSQL whose data lives under
 *                       {@code data-dir/postgres}.
 * @param username       the role to connect as; key {@code database.username} (ignored when embedded)
 * @param password       its password; key {@code database.password} (ignored when embedded, which
 *                       generates its own under {@code data-dir/secrets})
 * @param poolSize       most connections open at once; key {@code database.pool-size}
 * @param connectTimeout how long one attempt to get a connection may take; key
 *                       {@code database.connect-timeout}
 * @param startupTimeout how long start waits for the database to accept connections before it gives
 *                       up; key {@code database.startup-timeout}
 * @param retryInterval  how often spooled call records are retried while the database is unreachable;
 *                       key {@code database.retry-interval}
 */
public record DatabaseConfig(
        Optional<String> url,
        String username,
        Optional<Secret> password,
        int poolSize,
        Duration connectTimeout,
        Duration startupTimeout,
        Duration retryInterval) {

    public DatabaseConfig {
        url = url == null ? Optional.empty() : url;
        Objects.requireNonNull(username, "database.username");
        password = password == null ? Optional.empty() : password;
        Objects.requireNonNull(connectTimeout, "database.connect-timeout");
        Objects.requireNonNull(startupTimeout, "database.startup-timeout");
        Objects.requireNonNull(retryInterval, "database.retry-interval");
    }

    /** Whether SIPCall runs its own PostgreSQL under the data directory. */
    public boolean embedded() {
        return url.isEmpty();
    }
}
