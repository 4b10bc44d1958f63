package io.sipcall.sip.route;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.sipcall.config.TrunkConfig.NumberFormat;

/**
 * A valid phone number in E.164, as {@link NumberNormaliser} read it. Immutable; equal when the E.164
 * strings are equal.
 *
 * <p>{@link #toString()} masks the number ({@link Numbers#masked}) so that it cannot reach a log by
 * accident; {@link #e164()} is the number itself.
 */
public final class E164Number {

    private final String e164;
    private final int countryCode;
    private final String region;
    private final PhoneNumberType type;
    /** libphonenumber's value is mutable: this one is a private copy that never leaves. */
    private final PhoneNumber parsed;

    E164Number(PhoneNumber number) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        this.parsed = new PhoneNumber().mergeFrom(number);
        this.e164 = util.format(parsed, PhoneNumberFormat.E164);
        this.countryCode = parsed.getCountryCode();
        this.region = util.getRegionCodeForNumber(parsed);
        this.type = util.getNumberType(parsed);
    }

    /** {@code +49301234567}. */
    public String e164() {
        return e164;
    }

    /** The digits without the {@code +}: {@code 49301234567}. */
    public String digits() {
        return e164.substring(1);
    }

    /** The country calling code: 49, 1, 881. */
    public int countryCode() {
        return countryCode;
    }

    /**
     * The ISO 3166 alpha-2 country the number belongs to ({@code DE}; for {@code +1 876} it is
     * {@code JM}, not {@code US}), or {@code 001} for non-geographic numbers (+800, +808, +870,
     * +881, +882, +883, +888, +979).
     */
    public String region() {
        return region;
    }

    /** Whether the number belongs to no country (a global service or network, region {@code 001}). */
    public boolean isNonGeographic() {
        return PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region);
    }

    /** What libphonenumber's metadata says the number is: fixed line, mobile, premium rate, ... */
    public PhoneNumberType type() {
        return type;
    }

    /** Whether the number starts with an E.164 prefix in canonical form ({@code "+49"}; {@code ""} matches all). */
    public boolean startsWith(String e164Prefix) {
        return e164.startsWith(e164Prefix);
    }

    /**
     * The number written as a trunk wants it.
     * <ul>
     *   <li>{@code E164_PLUS}: {@code +15551234567};</li>
     *   <li>{@code E164}: {@code 15551234567};</li>
     *   <li>{@code NATIONAL}: as dialled from {@code home} (the trunk's country; SIPCall's default is
     *       {@code routing.default-country}), digits only: a number of that country in national
     *       form with its national prefix ({@code 0301234567} for +49301234567 from DE,
     *       {@code 12125550123} for +12125550123 from US, where the national prefix is 1), any other
     *       with the home country's international prefix ({@code 00442079460018} for +442079460018
     *       from DE), so a foreign number can never be mistaken for a national one.</li>
     * </ul>
     */
    public String formatted(NumberFormat format, String home) {
        return switch (format) {
            case E164_PLUS -> e164;
            case E164 -> digits();
            case NATIONAL -> digitsOnly(PhoneNumberUtil.getInstance().formatOutOfCountryCallingNumber(parsed, home));
        };
    }

    private static String digitsOnly(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof E164Number number && number.e164.equals(e164);
    }

    @Override
    public int hashCode() {
        return e164.hashCode();
    }

    @Override
    public String toString() {
        return Numbers.masked(e164);
    }
}
