package io.sipcall.sip.route.testkit;

import io.sipcall.config.TollFraudConfig;
import io.sipcall.config.UserConfig;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code toll-fraud} section written in Java. Immutable. Starts from SIPCall's defaults: on,
 * premium rate, satellite and shared cost denied, no country or prefix rules, no role allow-lists.
 */
public record TollFraudBuilder(boolean enabled, List<String> allowedCountries, List<String> deniedCountries,
        List<String> deniedPrefixes, boolean denyPremiumRate, boolean denySatellite, boolean denySharedCost,
        Map<UserConfig.Role, List<String>> roleAllowlists) {

    public TollFraudBuilder {
        allowedCountries = List.copyOf(allowedCountries);
        deniedCountries = List.copyOf(deniedCountries);
        deniedPrefixes = List.copyOf(deniedPrefixes);
        roleAllowlists = Map.copyOf(roleAllowlists);
    }

    static TollFraudBuilder defaults() {
        TollFraudConfig d = TollFraudConfig.DEFAULT;
        return new TollFraudBuilder(d.enabled(), d.allowedCountries(), d.deniedCountries(), d.deniedPrefixes(),
                d.denyPremiumRate(), d.denySatellite(), d.denySharedCost(), d.roleAllowlists());
    }

    /** {@code toll-fraud.enabled: false}. */
    public TollFraudBuilder disabled() {
        return new TollFraudBuilder(false, allowedCountries, deniedCountries, deniedPrefixes, denyPremiumRate,
                denySatellite, denySharedCost, roleAllowlists);
    }

    /** {@code toll-fraud.allowed-countries}: only these may be called. */
    public TollFraudBuilder allowCountries(String... countries) {
        return new TollFraudBuilder(enabled, List.of(countries), deniedCountries, deniedPrefixes, denyPremiumRate,
                denySatellite, denySharedCost, roleAllowlists);
    }

    /** {@code toll-fraud.denied-countries}. */
    public TollFraudBuilder denyCountries(String... countries) {
        return new TollFraudBuilder(enabled, allowedCountries, List.of(countries), deniedPrefixes, denyPremiumRate,
                denySatellite, denySharedCost, roleAllowlists);
    }

    /** {@code toll-fraud.denied-prefixes}. */
    public TollFraudBuilder denyPrefixes(String... prefixes) {
        return new TollFraudBuilder(enabled, allowedCountries, deniedCountries, List.of(prefixes), denyPremiumRate,
                denySatellite, denySharedCost, roleAllowlists);
    }

    /** {@code toll-fraud.deny-premium-rate: false}. */
    public TollFraudBuilder allowPremiumRate() {
        return new TollFraudBuilder(enabled, allowedCountries, deniedCountries, deniedPrefixes, false,
                denySatellite, denySharedCost, roleAllowlists);
    }

    /** {@code toll-fraud.deny-satellite: false}. */
    public TollFraudBuilder allowSatellite() {
        return new TollFraudBuilder(enabled, allowedCountries, deniedCountries, deniedPrefixes, denyPremiumRate,
                false, denySharedCost, roleAllowlists);
    }

    /** {@code toll-fraud.deny-shared-cost: false}. */
    public TollFraudBuilder allowSharedCost() {
        return new TollFraudBuilder(enabled, allowedCountries, deniedCountries, deniedPrefixes, denyPremiumRate,
                denySatellite, false, roleAllowlists);
    }

    /** {@code toll-fraud.role-allowlists.ROLE}: prefixes users of this role may call despite the deny rules. */
    public TollFraudBuilder roleAllowlist(UserConfig.Role role, String... prefixes) {
        Map<UserConfig.Role, List<String>> lists = new EnumMap<>(UserConfig.Role.class);
        lists.putAll(roleAllowlists);
        lists.put(role, List.of(prefixes));
        return new TollFraudBuilder(enabled, allowedCountries, deniedCountries, deniedPrefixes, denyPremiumRate,
                denySatellite, denySharedCost, lists);
    }

    public TollFraudConfig build() {
        return new TollFraudConfig(enabled, allowedCountries, deniedCountries, deniedPrefixes, denyPremiumRate,
                denySatellite, denySharedCost, roleAllowlists);
    }
}
