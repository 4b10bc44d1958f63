package io.sipcall.config;

import java.util.Objects;

/**
 * Defaults of the default route policy. Key {@code routing}.
 *
 * @param defaultCountry ISO 3166 alpha-2 country for users without one, used to read national
 *                       numbers; key {@code routing.default-country} (default {@code US})
 */
public record RoutingConfig(String defaultCountry) {

    public RoutingConfig {
        Objects.requireNonNull(defaultCountry, "default-country");
    }
}
