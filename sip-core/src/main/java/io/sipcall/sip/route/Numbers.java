package io.sipcall.sip.route;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.regex.Pattern;

/** Small helpers for E.164 numbers and prefixes: masking for logs, reading configured prefixes. */
public final class Numbers {

    private static final Pattern DIGITS = Pattern.compile("[0-9]*");
    private static final int VISIBLE_TAIL = 2;
    /** What libphonenumber answers for a country calling code it does not know. */
    private static final String UNKNOWN_REGION = "ZZ";

    private Numbers() {
    }

    /**
     * The number as it may appear in a log: the country calling code and the last two digits, every
     * other digit replaced by {@code *}. {@code +49301234567} becomes {@code +49*******67}. Something
     * that is not E.164 keeps only its last two characters.
     */
    public static String masked(String e164) {
        if (e164 == null || e164.isEmpty()) {
            return "";
        }
        int keepHead = e164.startsWith("+") ? 1 + countryCodeLength(e164.substring(1)) : 0;
        int keepTail = Math.min(VISIBLE_TAIL, e164.length() - keepHead);
        StringBuilder masked = new StringBuilder(e164.length());
        masked.append(e164, 0, keepHead);
        masked.append("*".repeat(e164.length() - keepHead - keepTail));
        masked.append(e164, e164.length() - keepTail, e164.length());
        return masked.toString();
    }

    /**
     * A configured E.164 prefix in canonical form: {@code "+49"}, {@code "+1212"}, or {@code ""} (the
     * empty prefix, matching every number). A prefix written without {@code +} is read as E.164
     * digits too ({@code "49"} is {@code "+49"}); spaces are ignored. A leading 0 is refused: it is
     * national or international dialling ({@code 0049}), never E.164.
     *
     * @param key the configuration key it came from, named in the error
     * @throws IllegalArgumentException when the prefix holds anything but digits after the {@code +}
     */
    public static String e164Prefix(String prefix, String key) {
        String compact = prefix.replace(" ", "");
        String digits = compact.startsWith("+") ? compact.substring(1) : compact;
        if (!DIGITS.matcher(digits).matches() || digits.length() > 15) {
            throw new IllegalArgumentException(key + ": \"" + prefix + "\" is not an E.164 prefix (a + and up to 15 digits)");
        }
        if (digits.startsWith("0")) {
            throw new IllegalArgumentException(key + ": \"" + prefix
                    + "\" is not an E.164 prefix (country codes never start with 0; write +49, not 0049)");
        }
        return digits.isEmpty() ? "" : "+" + digits;
    }

    /**
     * The length of the country calling code the digits start with (1 to 3), or 0 when none is known.
     * Country calling codes are prefix-free (ITU-T E.164), so the first known one is the one.
     */
    private static int countryCodeLength(String digits) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        for (int length = 1; length <= 3 && length <= digits.length(); length++) {
            String candidate = digits.substring(0, length);
            if (DIGITS.matcher(candidate).matches()
                    && !UNKNOWN_REGION.equals(util.getRegionCodeForCountryCode(Integer.parseInt(candidate)))) {
                return length;
            }
        }
        return 0;
    }
}
