package io.sipcall.sip.route;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.ShortNumberInfo;
import io.sipcall.config.SipCallConfig;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RouteRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads what a caller dialled as an E.164 number with libphonenumber, in the caller's country.
 * {@link DefaultRoutePolicy} and {@link TollFraudGuard} share it, so the number the guard judges is
 * the number the policy routes.
 *
 * <p>Accepted: international numbers ({@code +49 30 1234567}), national numbers of the caller's
 * country ({@code 030 1234567} for a DE user, {@code (212) 555-0123} for a US user), and the
 * caller's country's international prefix ({@code 0044 20 7946 0018} from DE,
 * {@code 011 44 20 7946 0018} from US). Visual separators (space, {@code - . ( ) /}) are ignored.
 * Refused with 484: anything else (letters, {@code * #} service codes), numbers libphonenumber finds
 * too short, too long or not valid, and emergency and other short codes, which SIPCall does not
 * place (they need the caller's location and a local line).
 *
 * <p>Immutable and thread-safe. The constructor loads libphonenumber's metadata for every region,
 * once per JVM (about 0.3 s and 2 MB), so that no call ever waits on it.
 */
public final class NumberNormaliser {

    /** An optional leading {@code +}, then digits and visual separators: what SIP users dial. */
    private static final Pattern DIALLABLE = Pattern.compile("\\s*\\+?[0-9\\s().\\-/]*");
    private static final String INCOMPLETE = "Address Incomplete: ";

    private final String defaultCountry;

    /**
     * @param defaultCountry ISO 3166 alpha-2 country used for requests without a user, or whose user
     *                       has none ({@code routing.default-country})
     * @throws IllegalArgumentException when libphonenumber does not know the country
     */
    public NumberNormaliser(String defaultCountry) {
        this.defaultCountry = country(defaultCountry, "routing.default-country");
        Metadata.preload(this.defaultCountry);
    }

    /**
     * The normaliser of a whole configuration: {@code routing.default-country}, with the short-number
     * metadata of every user's country loaded (each checked, the error naming its key). Routing, the
     * toll-fraud guard and the call records all read numbers through one of these.
     */
    public static NumberNormaliser of(SipCallConfig config) {
        NumberNormaliser numbers = new NumberNormaliser(config.routing().defaultCountry());
        config.users().forEach((id, user) -> {
            if (!user.defaultCountry().isBlank()) {
                Metadata.preload(country(user.defaultCountry(), "users." + id + ".default-country"));
            }
        });
        return numbers;
    }

    /** The country national numbers are read in when the request names none. */
    public String defaultCountry() {
        return defaultCountry;
    }

    /**
     * The ISO country in canonical form (upper case), checked against libphonenumber's regions.
     *
     * @param key the configuration key it came from, named in the error
     */
    public static String country(String country, String key) {
        String upper = Objects.requireNonNull(country, key).trim().toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(upper)) {
            throw new IllegalArgumentException(key + ": \"" + country + "\" is not an ISO 3166 alpha-2 country code");
        }
        return upper;
    }


    /** The country a request's national numbers are read in: its user's, else the default. */
    public String countryOf(RouteRequest request) {
        return request.user()
                .map(user -> user.config().defaultCountry().trim().toUpperCase(Locale.ROOT))
                .filter(country -> !country.isEmpty())
                .orElse(defaultCountry);
    }

    /** Reads the request's dialled number in the country of its user. */
    public Result normalise(RouteRequest request) {
        return normalise(request.dialled(), countryOf(request));
    }

    /** Reads {@code dialled} as a number dialled in {@code country}. */
    public Result normalise(String dialled, String country) {
        if (dialled.isBlank()) {
            return incomplete("empty");
        }
        if (!DIALLABLE.matcher(dialled).matches()) {
            return incomplete("not a phone number");
        }
        if (dialled.chars().noneMatch(Character::isDigit)) {
            return incomplete("no digits");
        }
        PhoneNumber number;
        try {
            number = PhoneNumberUtil.getInstance().parse(dialled, country);
        } catch (NumberParseException e) {
            return incomplete(parseFailure(e.getErrorType()));
        }
        return check(dialled, country, number);
    }

    private static Result check(String dialled, String country, PhoneNumber number) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        ValidationResult possible = util.isPossibleNumberWithReason(number);
        boolean valid = possible == ValidationResult.IS_POSSIBLE && util.isValidNumber(number);
        if (valid) {
            return new Result.Valid(new E164Number(number));
        }
        String shortCode = shortCode(dialled, country);
        if (shortCode != null) {
            return incomplete(shortCode);
        }
        String where = " for " + place(number.getCountryCode());
        return incomplete(switch (possible) {
            case TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY -> "too short" + where;
            case TOO_LONG -> "too long" + where;
            case INVALID_LENGTH -> "wrong length" + where;
            case INVALID_COUNTRY_CODE -> "unknown country code";
            case IS_POSSIBLE -> "not a valid number" + where;
        });
    }

    /** Why an emergency or other short code is refused, or null when the dialled digits are none. */
    private static String shortCode(String dialled, String country) {
        String digits = dialled.replaceAll("[^0-9]", "");
        if (dialled.trim().startsWith("+") || digits.length() > 6) {
            return null;
        }
        ShortNumberInfo shortNumbers = ShortNumberInfo.getInstance();
        if (shortNumbers.isEmergencyNumber(digits, country)) {
            return "emergency number " + digits + " cannot be called through SIPCall";
        }
        try {
            PhoneNumber asShort = PhoneNumberUtil.getInstance().parse(digits, country);
            return shortNumbers.isValidShortNumberForRegion(asShort, country) ? "short codes are not supported" : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** A country calling code as people read it: the main country ({@code DE}, {@code US}) or {@code +881}. */
    private static String place(int countryCode) {
        String region = PhoneNumberUtil.getInstance().getRegionCodeForCountryCode(countryCode);
        return region.length() == 2 && !"ZZ".equals(region) ? region : "+" + countryCode;
    }

    private static String parseFailure(NumberParseException.ErrorType error) {
        return switch (error) {
            case INVALID_COUNTRY_CODE -> "unknown country code";
            case TOO_SHORT_AFTER_IDD -> "too short after the international prefix";
            case TOO_SHORT_NSN, NOT_A_NUMBER -> "too short";
            case TOO_LONG -> "too long";
        };
    }

    private static Result incomplete(String why) {
        return new Result.Invalid(INCOMPLETE + why);
    }

    /** What reading a dialled number gave: a valid E.164 number, or why there is none. */
    public sealed interface Result permits Result.Valid, Result.Invalid {

        /** The dialled number, valid, in E.164. */
        record Valid(E164Number number) implements Result {
            public Valid {
                Objects.requireNonNull(number, "number");
            }
        }

        /**
         * Not a number SIPCall can call.
         *
         * @param reason a SIP reason phrase that says why in plain words, e.g.
         *               {@code Address Incomplete: too short for DE}
         */
        record Invalid(String reason) implements Result {
            public Invalid {
                Objects.requireNonNull(reason, "reason");
            }

            /** The refusal to send the caller: 484 Address Incomplete (RFC 3261 21.4.22). */
            public RouteDecision.Reject reject() {
                return new RouteDecision.Reject(484, reason);
            }
        }
    }
}
