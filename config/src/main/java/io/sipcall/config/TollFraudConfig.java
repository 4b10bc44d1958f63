package io.sipcall.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The toll-fraud guard, on by default. Key {@code toll-fraud}.
 *
 * @param enabled          key {@code toll-fraud.enabled} (default true)
 * @param allowedCountries ISO alpha-2 countries that may be called; empty = all not denied; key
 *                         {@code toll-fraud.allowed-countries}
 * @param deniedCountries  ISO alpha-2 countries never called; key {@code toll-fraud.denied-countries}
 * @param deniedPrefixes   E.164 prefixes never called; key {@code toll-fraud.denied-prefixes}
 * @param denyPremiumRate  premium-rate numbers denied; key {@code toll-fraud.deny-premium-rate} (default true)
 * @param denySatellite    satellite and international networks (+870, +881, +882, +883) denied; key
 *                         {@code toll-fraud.deny-satellite} (default true)
 * @param denySharedCost   shared-cost numbers, international (+808) and national, denied; key
 *                         {@code toll-fraud.deny-shared-cost} (default true)
 * @param roleAllowlists   E.164 prefixes each role may call despite the deny rules; key
 *                         {@code toll-fraud.role-allowlists.ROLE}
 */
public record TollFraudConfig(
        boolean enabled,
        List<String> allowedCountries,
        List<String> deniedCountries,
        List<String> deniedPrefixes,
        boolean denyPremiumRate,
        boolean denySatellite,
        boolean denySharedCost,
        Map<UserConfig.Role, List<String>> roleAllowlists) {

    public TollFraudConfig {
        allowedCountries = allowedCountries == null ? List.of() : List.copyOf(allowedCountries);
        deniedCountries = deniedCountries == null ? List.of() : List.copyOf(deniedCountries);
        deniedPrefixes = deniedPrefixes == null ? List.of() : List.copyOf(deniedPrefixes);
        roleAllowlists = roleAllowlists == null ? Map.of() : Map.copyOf(roleAllowlists);
        Objects.requireNonNull(allowedCountries);
    }

    /** The defaults: on, premium-rate, satellite and shared-cost denied, nothing else. */
    public static final TollFraudConfig DEFAULT = new TollFraudConfig(true, List.of(), List.of(), List.of(),
            true, true, true, Map.of());
}
