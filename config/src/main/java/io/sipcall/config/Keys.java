package io.sipcall.config;

import java.util.List;
import java.util.Locale;

/**
 * Names of configuration keys: how dotted key paths are built, which keys the open-ended sections
 * ({@code trunks.NAME}, {@code users.ID}, {@code routes[i]}, {@code rates[i]}) accept, and which
 * keys hold secrets.
 */
final class Keys {

    static final String TRUNKS = "trunks";
    static final String ROUTES = "routes";
    static final String USERS = "users";
    static final String RATES = "rates";
    static final String TOLL_FRAUD = "toll-fraud";
    static final String GATEWAY = "gateway";
    static final String ROUTING = "routing";
    static final String DATABASE = "database";
    static final String ENCRYPTION = "encryption";
    static final String RETENTION = "retention";

    /** The keys of one {@code trunks.NAME} entry. */
    static final List<String> TRUNK_FIELDS = List.of("preset", "host", "port", "transport", "outbound-proxy",
            "auth", "registration", "number-format", "tech-prefix", "caller-id", "priority", "max-channels",
            "max-calls-per-second");

    /** The keys of {@code trunks.NAME.auth}. */
    static final List<String> TRUNK_AUTH_FIELDS = List.of("mode", "username", "password");

    /** The keys of {@code trunks.NAME.registration}. */
    static final List<String> TRUNK_REGISTRATION_FIELDS = List.of("enabled", "expiry");

    /** The keys of one {@code users.ID} entry. */
    static final List<String> USER_FIELDS = List.of("display-name", "role", "default-country", "caller-id", "sip",
            "max-concurrent-calls", "daily-spend-cap", "allowed-prefixes");

    /** The keys of {@code users.ID.sip}. */
    static final List<String> USER_SIP_FIELDS = List.of("username", "password", "ha1-md5", "ha1-sha256");

    /** The keys of a {@code users.ID} entry whose value is a list of scalars. */
    static final List<String> USER_LIST_FIELDS = List.of("allowed-prefixes");

    /** The keys of one {@code routes[i]} entry. */
    static final List<String> ROUTE_FIELDS = List.of("prefix", "trunks");

    /** The keys of a {@code routes[i]} entry whose value is a list of scalars. */
    static final List<String> ROUTE_LIST_FIELDS = List.of("trunks");

    /** The keys of one {@code rates[i]} entry. */
    static final List<String> RATE_FIELDS = List.of("prefix", "trunk", "price-per-minute", "currency");

    /** The keys of {@code toll-fraud}. */
    static final List<String> TOLL_FRAUD_FIELDS = List.of("enabled", "allowed-countries", "denied-countries",
            "denied-prefixes", "deny-premium-rate", "deny-satellite", "deny-shared-cost", "role-allowlists");

    /** The keys of {@code toll-fraud} whose value is a list of scalars. */
    static final List<String> TOLL_FRAUD_LIST_FIELDS = List.of("allowed-countries", "denied-countries",
            "denied-prefixes");

    /** The keys of {@code toll-fraud.role-allowlists}: the roles, in config spelling. */
    static final List<String> ROLES = List.of("user", "admin");

    private Keys() {
    }

    /** {@code parent.name}, or {@code name} at the top level. */
    static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** {@code parent[index]}. */
    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /**
     * Whether the value of {@code key} must never be echoed in a message or a log line: any key
     * whose name mentions a password or a secret, and the HA1 digests, which are password
     * equivalents for their realm (RFC 7616 5.1).
     */
    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("ha1");
    }

    /** {@code 'value'}, or a placeholder when the key holds a secret. */
    static String quote(String key, String value) {
        return isSecret(key) ? "(value hidden)" : "'" + value + "'";
    }
}
