package io.sipcall.persistence.directory;

import io.sipcall.config.RateConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.config.TrunkConfig.AuthMode;
import io.sipcall.config.UserConfig;
import io.sipcall.config.UserConfig.SipCredential;
import io.sipcall.sip.route.NumberNormaliser;
import io.sipcall.sip.route.Numbers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of directory entries, as the configuration file's validators apply them (a valid file
 * seeds without refusals), plus what the schema and {@code DefaultRoutePolicy} need: columns'
 * precision, countries libphonenumber knows, canonical E.164 prefixes. Each check returns the entry in
 * canonical form (country upper case, prefixes {@code +49}, decimals without trailing zeros), so
 * the database never holds two spellings of one value. Messages never hold a value that may be a
 * phone number or a secret.
 */
final class EntryRules {

    private static final Pattern E164 = Pattern.compile("\\+[0-9]{1,15}");
    private static final Pattern TRUNK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern TECH_PREFIX = Pattern.compile("[0-9*#]*");
    private static final Pattern HA1_MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HA1_SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Duration MIN_EXPIRY = Duration.ofSeconds(60);
    private static final Duration MAX_EXPIRY = Duration.ofHours(24);
    /** {@code numeric(14, 4)} and {@code numeric(14, 6)}: digits after the point, and most before it. */
    private static final int CAP_SCALE = 4;
    private static final int PRICE_SCALE = 6;
    private static final int CAP_INTEGER_DIGITS = 10;
    private static final int PRICE_INTEGER_DIGITS = 8;

    private EntryRules() {
    }

    static UserConfig user(String id, UserConfig user) {
        String what = "user '" + id + "'";
        if (id == null || id.isBlank() || !id.strip().equals(id) || id.length() > 255) {
            throw new InvalidEntryException("id", "a user id must not be blank, padded or longer than 255");
        }
        String country = country(what, user.defaultCountry());
        user.callerId().ifPresent(callerId -> e164(what, "caller-id", callerId));
        user.sip().ifPresent(sip -> credential(what, sip));
        if (user.maxConcurrentCalls() < 0) {
            throw new InvalidEntryException("max-concurrent-calls", what + ": max-concurrent-calls must not be negative");
        }
        Optional<BigDecimal> cap = user.dailySpendCap()
                .map(amount -> decimal(what, "daily-spend-cap", amount, CAP_SCALE, CAP_INTEGER_DIGITS));
        List<String> prefixes = user.allowedPrefixes().stream().map(p -> prefix(what, "allowed-prefixes", p)).toList();
        return new UserConfig(user.displayName(), user.role(), country, user.callerId(), user.sip(),
                user.maxConcurrentCalls(), cap, prefixes);
    }

    static TrunkConfig trunk(String name, TrunkConfig trunk) {
        if (name == null || !TRUNK_NAME.matcher(name).matches()) {
            throw new InvalidEntryException("name", "a trunk name must start with a letter or digit, contain only "
                    + "letters, digits, '-' and '_', and have at most 64 characters");
        }
        String what = "trunk '" + name + "'";
        hostLike(what, "host", trunk.host());
        trunk.outboundProxy().ifPresent(proxy -> hostLike(what, "outbound-proxy", proxy));
        if (trunk.port() < 0 || trunk.port() > 65_535) {
            throw new InvalidEntryException("port", what + ": port must be 0 (the transport's default) to 65535");
        }
        auth(what, trunk);
        if (!TECH_PREFIX.matcher(trunk.techPrefix()).matches()) {
            throw new InvalidEntryException("tech-prefix", what + ": tech-prefix must be digits, '*' and '#' only");
        }
        trunk.callerId().ifPresent(callerId -> e164(what, "caller-id", callerId));
        if (trunk.maxChannels() < 0) {
            throw new InvalidEntryException("max-channels", what + ": max-channels must not be negative (0 = unlimited)");
        }
        if (!(trunk.maxCallsPerSecond() >= 0) || Double.isInfinite(trunk.maxCallsPerSecond())) {
            throw new InvalidEntryException("max-calls-per-second", what
                    + ": max-calls-per-second must be a number from 0 (unlimited) up");
        }
        return trunk;
    }

    static RateConfig rate(RateConfig rate) {
        String what = "rate of trunk '" + rate.trunk() + "'";
        String prefix = prefix(what, "prefix", rate.prefix());
        if (!CURRENCY.matcher(rate.currency()).matches() || !knownCurrency(rate.currency())) {
            throw new InvalidEntryException("currency", what + " for " + prefix + ": currency must be an ISO 4217 "
                    + "code such as USD");
        }
        BigDecimal price = decimal(what + " for " + prefix, "price-per-minute", rate.pricePerMinute(), PRICE_SCALE,
                PRICE_INTEGER_DIGITS);
        return new RateConfig(prefix, rate.trunk(), price, rate.currency());
    }

    /** The canonical E.164 prefix ({@code +49}; {@code ""} for every number). */
    static String prefix(String what, String field, String prefix) {
        try {
            return Numbers.e164Prefix(prefix, field);
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException(field, what + ": " + e.getMessage());
        }
    }

    /** The decimal without trailing zeros ({@code 0.0100} is {@code 0.01}), never in exponent form. */
    static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String country(String what, String country) {
        try {
            return NumberNormaliser.country(country, "default-country");
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException("default-country", what + ": default-country must be an ISO 3166 "
                    + "alpha-2 country code libphonenumber knows");
        }
    }

    private static void e164(String what, String field, String number) {
        if (!E164.matcher(number).matches()) {
            throw new InvalidEntryException(field, what + ": " + field + " must be an E.164 number "
                    + "('+' and up to 15 digits)");
        }
    }

    /** HA1 values are password equivalents: they are never put in a message. */
    private static void credential(String what, SipCredential sip) {
        String username = sip.username();
        if (username.isBlank() || username.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"')) {
            throw new InvalidEntryException("sip.username", what + ": sip.username must not be blank, and must "
                    + "not contain spaces or '\"'");
        }
        if (!HA1_MD5.matcher(sip.ha1Md5()).matches()) {
            throw new InvalidEntryException("sip.ha1-md5", what + ": sip.ha1-md5 must be 32 lower-case hex digits "
                    + "(hex MD5 of username:realm:password)");
        }
        if (!HA1_SHA256.matcher(sip.ha1Sha256()).matches()) {
            throw new InvalidEntryException("sip.ha1-sha256", what + ": sip.ha1-sha256 must be 64 lower-case hex "
                    + "digits (hex SHA-256 of username:realm:password)");
        }
    }

    private static void auth(String what, TrunkConfig trunk) {
        boolean credentials = trunk.auth().mode() == AuthMode.CREDENTIALS;
        if (credentials && trunk.auth().username().isBlank()) {
            throw new InvalidEntryException("auth.username", what + ": auth.username is required when auth.mode "
                    + "is credentials");
        }
        if (credentials && trunk.auth().password().map(secret -> secret.reveal().isEmpty()).orElse(true)) {
            throw new InvalidEntryException("auth.password", what + ": auth.password is required when auth.mode "
                    + "is credentials");
        }
        if (trunk.registration().enabled() && !credentials) {
            throw new InvalidEntryException("registration.enabled", what + ": registration needs auth.mode "
                    + "credentials");
        }
        Duration expiry = trunk.registration().expiry();
        if (expiry.compareTo(MIN_EXPIRY) < 0 || expiry.compareTo(MAX_EXPIRY) > 0 || expiry.getNano() != 0) {
            throw new InvalidEntryException("registration.expiry", what + ": registration.expiry must be whole "
                    + "seconds from 60s to 24h");
        }
    }

    private static void hostLike(String what, String field, String host) {
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace) || host.length() > 255) {
            throw new InvalidEntryException(field, what + ": " + field + " must be a host name or IP address, "
                    + "not blank and without spaces");
        }
    }

    private static BigDecimal decimal(String what, String field, BigDecimal value, int scale, int integerDigits) {
        BigDecimal canonical = canonical(value);
        if (canonical.signum() < 0 || canonical.scale() > scale
                || canonical.precision() - canonical.scale() > integerDigits) {
            throw new InvalidEntryException(field, what + ": " + field + " must be from 0, with at most " + scale
                    + " decimal places and " + integerDigits + " digits before the point");
        }
        return canonical;
    }

    private static boolean knownCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
