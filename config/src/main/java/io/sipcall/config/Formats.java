package io.sipcall.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of values with a format of their own: E.164 numbers and prefixes, ISO country codes,
 * {@code host[:port]}, IP addresses and CIDR blocks. Each throws a {@link ConfigException}
 * naming the key it was given.
 */
final class Formats {

    /** {@code +} and 1 to 15 digits: an E.164 number (ITU-T E.164 6.1) or a prefix of one. */
    private static final Pattern E164 = Pattern.compile("\\+[0-9]{1,15}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    /** What an IPv6 literal may contain: hex groups, colons, and dots for an embedded IPv4 part; no zone. */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private Formats() {
    }

    /** A country code as written, upper-cased: {@code de} is {@code DE}. */
    static String normaliseCountry(String text) {
        return text.strip().toUpperCase(Locale.ROOT);
    }

    /** {@code value} is {@code +} and 1 to 15 digits. */
    static void e164(String key, String value) {
        if (!E164.matcher(value).matches()) {
            throw new ConfigException(key, "must be '+' followed by 1 to 15 digits (E.164, like +15551234567), got '"
                    + value + "'");
        }
    }

    /** Every entry of {@code values} is {@code +} and 1 to 15 digits; errors name {@code key[i]}. */
    static void e164Each(String key, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            e164(Keys.index(key, i), values.get(i));
        }
    }

    /** {@code value} is an ISO 3166-1 alpha-2 code Java knows, upper case. */
    static void country(String key, String value) {
        if (!value.matches("[A-Z]{2}") || !COUNTRIES.contains(value)) {
            throw new ConfigException(key, "must be an ISO 3166-1 alpha-2 country code like US, CA or DE, got '"
                    + value + "'");
        }
    }

    /** Every entry of {@code values} is a country code; errors name {@code key[i]}. */
    static void countryEach(String key, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            country(Keys.index(key, i), values.get(i));
        }
    }

    /** {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}, the port 1 to 65535. */
    static void hostAndPort(String key, String value) {
        String allowed = "must be host or host:port (port 1 to 65535; an IPv6 address in brackets, "
                + "[2001:db8::1]:5060), got '" + value + "'";
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            String after = close < 0 ? "" : value.substring(close + 1);
            if (close < 0 || !(after.isEmpty() || after.startsWith(":")) || !isIpv6(value.substring(1, close))) {
                throw new ConfigException(key, allowed);
            }
            host = "";
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = value.indexOf(':');
            if (colon != value.lastIndexOf(':')) {
                throw new ConfigException(key, allowed);
            }
            host = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
            if (!HOST_NAME.matcher(host).matches()) {
                throw new ConfigException(key, allowed);
            }
        }
        if (port != null && !(PORT.matcher(port).matches() && Integer.parseInt(port) >= 1
                && Integer.parseInt(port) <= 65535)) {
            throw new ConfigException(key, allowed);
        }
    }

    /**
     * An IPv4 or IPv6 address, or a CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). Only
     * literals are accepted and only literals reach {@link InetAddress}, so no name is ever looked
     * up in DNS.
     */
    static void addressOrCidr(String key, String value) {
        String allowed = "must be an IPv4 or IPv6 address or a CIDR block like 10.0.0.0/8 or 2001:db8::/32 "
                + "(host names are not allowed), got '" + value + "'";
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        int maxLength;
        if (isIpv4(address)) {
            maxLength = 32;
        } else if (isIpv6(address)) {
            maxLength = 128;
        } else {
            throw new ConfigException(key, allowed);
        }
        if (slash >= 0) {
            String length = value.substring(slash + 1);
            if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > maxLength) {
                throw new ConfigException(key, "prefix length must be 0 to " + maxLength + ", got '" + value + "'");
            }
        }
    }

    /** Dotted decimal, four octets of 0 to 255 without leading zeros; parsed by InetAddress as a literal. */
    private static boolean isIpv4(String text) {
        return IPV4.matcher(text).matches() && parsesAsLiteral(text);
    }

    /**
     * Hex groups and colons (and dots for an embedded IPv4 part). In brackets InetAddress takes the
     * text for an IPv6 literal and fails rather than falling back to DNS.
     */
    private static boolean isIpv6(String text) {
        return IPV6_CHARACTERS.matcher(text).matches() && parsesAsLiteral("[" + text + "]");
    }

    private static boolean parsesAsLiteral(String literal) {
        try {
            InetAddress.getByName(literal);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
