package io.sipcall.config;

import java.util.List;
import java.util.Locale;

/**
 * Names of configuration keys: how dotted key paths are built, which keys the open-ended sections
 * ({@code trunks.NAME}, {@code routes[i]}) accept, and which keys hold secrets.
 */
final class Keys {

    static final String TRUNKS = "trunks";
    static final String ROUTES = "routes";

    /** The keys of one {@code trunks.NAME} entry. */
    static final List<String> TRUNK_FIELDS = List.of("host", "port", "transport");

    /** The keys of one {@code routes[i]} entry. */
    static final List<String> ROUTE_FIELDS = List.of("prefix", "trunks");

    /** The keys of a {@code routes[i]} entry whose value is a list of scalars. */
    static final List<String> ROUTE_LIST_FIELDS = List.of("trunks");

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
     * whose name mentions a password or a secret.
     */
    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret");
    }

    /** {@code 'value'}, or a placeholder when the key holds a secret. */
    static String quote(String key, String value) {
        return isSecret(key) ? "(value hidden)" : "'" + value + "'";
    }
}
