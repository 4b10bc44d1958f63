package io.sipcall.sip.route;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import io.sipcall.config.TollFraudConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The toll-fraud guard's rules about where a call may go, from {@code toll-fraud}. Immutable.
 * Checked in this order, the first that matches refuses:
 * {@code denied-prefixes}, {@code denied-countries}, {@code allowed-countries},
 * {@code deny-satellite}, {@code deny-premium-rate}, {@code deny-shared-cost}.
 */
final class DestinationRules {

    /** Inmarsat (+870) and the Global Mobile Satellite System (+881: Iridium, Globalstar, ...). */
    private static final Set<Integer> SATELLITE = Set.of(870, 881);
    /**
     * International networks (+882, +883): ITU-assigned codes of carriers, satellite (Thuraya,
     * +882 16) and not (maritime, M2M, VoIP). Billed like satellite, abused like it; libphonenumber
     * types them MOBILE, VOIP or UNKNOWN, so they are matched by country calling code.
     */
    private static final Set<Integer> INTERNATIONAL_NETWORKS = Set.of(882, 883);
    /** Universal International Shared Cost Numbers (ITU-T E.169.3). */
    private static final int INTERNATIONAL_SHARED_COST = 808;

    private final PrefixTable<String> deniedPrefixes;
    private final Set<String> deniedCountries;
    private final Set<String> allowedCountries;
    private final boolean denySatellite;
    private final boolean denyPremiumRate;
    private final boolean denySharedCost;

    /** A refusal by one rule: the configuration key behind it and the reason phrase for the caller. */
    record Refusal(String rule, String reason) {
    }

    DestinationRules(TollFraudConfig config) {
        this.deniedPrefixes = PrefixTable.ofPrefixes(config.deniedPrefixes(), "toll-fraud.denied-prefixes");
        this.deniedCountries = countries(config.deniedCountries(), "toll-fraud.denied-countries");
        this.allowedCountries = countries(config.allowedCountries(), "toll-fraud.allowed-countries");
        this.denySatellite = config.denySatellite();
        this.denyPremiumRate = config.denyPremiumRate();
        this.denySharedCost = config.denySharedCost();
    }

    /** The first rule that refuses this number, if any. */
    Optional<Refusal> check(E164Number number) {
        Optional<String> deniedPrefix = deniedPrefixes.longestMatch(number).map(PrefixTable.Row::value);
        if (deniedPrefix.isPresent()) {
            return refuse("toll-fraud.denied-prefixes", "prefix " + deniedPrefix.get() + " is blocked");
        }
        if (deniedCountries.contains(number.region())) {
            return refuse("toll-fraud.denied-countries", "destination country " + number.region() + " is blocked");
        }
        if (!allowedCountries.isEmpty() && !allowedCountries.contains(number.region())) {
            String destination = number.isNonGeographic()
                    ? "international service +" + number.countryCode() : "country " + number.region();
            return refuse("toll-fraud.allowed-countries", "destination " + destination + " is not allowed");
        }
        return byType(number);
    }

    private Optional<Refusal> byType(E164Number number) {
        if (denySatellite && SATELLITE.contains(number.countryCode())) {
            return refuse("toll-fraud.deny-satellite", "satellite numbers are blocked");
        }
        if (denySatellite && INTERNATIONAL_NETWORKS.contains(number.countryCode())) {
            return refuse("toll-fraud.deny-satellite", "international network numbers are blocked");
        }
        if (denyPremiumRate && number.type() == PhoneNumberType.PREMIUM_RATE) {
            return refuse("toll-fraud.deny-premium-rate", "premium-rate numbers are blocked");
        }
        if (denySharedCost && (number.type() == PhoneNumberType.SHARED_COST
                || number.countryCode() == INTERNATIONAL_SHARED_COST)) {
            return refuse("toll-fraud.deny-shared-cost", "shared-cost numbers are blocked");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String rule, String why) {
        return Optional.of(new Refusal(rule, "Forbidden: " + why));
    }

    private static Set<String> countries(List<String> configured, String key) {
        return configured.stream()
                .map(country -> NumberNormaliser.country(country, key))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
