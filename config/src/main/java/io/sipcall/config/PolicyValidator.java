package io.sipcall.config;

import io.sipcall.config.UserConfig.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The rules of what may be called and what it costs: {@code rates}, {@code toll-fraud}, {@code routing}. */
final class PolicyValidator {

    private static final String CURRENCY = "[A-Z]{3}";

    private PolicyValidator() {
    }

    static void validate(SipCallConfig config) {
        rates(config.rates(), config.trunks().keySet());
        tollFraud(config.tollFraud());
        Formats.country("routing.default-country", config.routing().defaultCountry());
    }

    private static void rates(List<RateConfig> rates, Set<String> trunkNames) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rates.size(); i++) {
            RateConfig rate = rates.get(i);
            String key = Keys.index(Keys.RATES, i);
            Formats.e164(key + ".prefix", rate.prefix());
            if (!trunkNames.contains(rate.trunk())) {
                throw new ConfigException(key + ".trunk", "names trunk '" + rate.trunk() + "', which is not "
                        + "defined under trunks (defined: "
                        + (trunkNames.isEmpty() ? "none" : String.join(", ", new TreeSet<>(trunkNames))) + ")");
            }
            Integer earlier = seen.putIfAbsent(rate.prefix() + " " + rate.trunk(), i);
            if (earlier != null) {
                throw new ConfigException(key, "duplicates rates[" + earlier + "]: prefix " + rate.prefix()
                        + " on trunk " + rate.trunk() + " may have one rate");
            }
            if (!rate.currency().matches(CURRENCY)) {
                throw new ConfigException(key + ".currency", "must be an ISO 4217 code of three upper-case "
                        + "letters like USD, got '" + rate.currency() + "'");
            }
            if (!rate.currency().equals(rates.get(0).currency())) {
                throw new ConfigException(key + ".currency", "is " + rate.currency() + " but rates[0].currency is "
                        + rates.get(0).currency() + "; all rates must use one currency");
            }
        }
    }

    private static void tollFraud(TollFraudConfig fraud) {
        String key = Keys.TOLL_FRAUD;
        Formats.countryEach(key + ".allowed-countries", fraud.allowedCountries());
        Formats.countryEach(key + ".denied-countries", fraud.deniedCountries());
        for (int i = 0; i < fraud.deniedCountries().size(); i++) {
            if (fraud.allowedCountries().contains(fraud.deniedCountries().get(i))) {
                throw new ConfigException(Keys.index(key + ".denied-countries", i), "'"
                        + fraud.deniedCountries().get(i) + "' is also in toll-fraud.allowed-countries; "
                        + "list it in one of them");
            }
        }
        Formats.e164Each(key + ".denied-prefixes", fraud.deniedPrefixes());
        for (Role role : Role.values()) {
            Formats.e164Each(key + ".role-allowlists." + role.name().toLowerCase(Locale.ROOT),
                    fraud.roleAllowlists().getOrDefault(role, List.of()));
        }
    }
}
