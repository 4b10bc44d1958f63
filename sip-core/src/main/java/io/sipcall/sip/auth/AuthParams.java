package io.sipcall.sip.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parsed form of a {@code WWW-Authenticate}, {@code Proxy-Authenticate}, {@code Authorization} or
 * {@code Proxy-Authorization} value: an auth scheme and its {@code name=value} parameters (RFC 3261
 * 25.1 {@code challenge} and {@code credentials}, RFC 7235 2.1).
 *
 * <p>Lenient where senders differ in practice: any amount of linear white space (including folded
 * lines) around names, {@code =} and commas; empty list elements; unquoted values that are not
 * tokens (a base64 nonce). Strict where ambiguity would be dangerous: an unterminated quoted string
 * and a parameter given twice are errors. Names are lower-cased; quoted values are unescaped.
 *
 * @param scheme the auth scheme as sent ({@code Digest})
 * @param params parameters by lower-case name, in the order received
 */
record AuthParams(String scheme, Map<String, String> params) {

    AuthParams {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    boolean isDigest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    String get(String name) {
        return params.get(name);
    }

    /** A required parameter; {@code what} names the header for the error. */
    String required(String name, String what) {
        String value = params.get(name);
        if (value == null) {
            throw new MalformedDigestException(what + " has no " + name + " parameter");
        }
        return value;
    }

    /** Every challenge (or credentials) in one header value; a value may list several (RFC 7235 4.1). */
    static List<AuthParams> parseAll(String headerValue) {
        if (headerValue == null) {
            throw new MalformedDigestException("no header value");
        }
        return new Parser(headerValue).all();
    }

    /** Exactly one challenge or credentials. */
    static AuthParams parseOne(String headerValue) {
        List<AuthParams> all = parseAll(headerValue);
        if (all.size() != 1) {
            throw new MalformedDigestException("expected one auth scheme, found " + all.size());
        }
        return all.get(0);
    }

    private static final class Parser {
        private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`|~";

        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        List<AuthParams> all() {
            List<AuthParams> result = new ArrayList<>();
            skipSeparators();
            if (i >= s.length()) {
                throw new MalformedDigestException("empty auth header value");
            }
            String scheme = token("auth scheme");
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                skipSeparators();
                if (i >= s.length()) {
                    result.add(new AuthParams(scheme, params));
                    return result;
                }
                String name = token("parameter name");
                skipLws();
                if (i >= s.length() || s.charAt(i) != '=') {
                    // A token without '=' starts the next challenge (RFC 7235 4.1: a list of them).
                    result.add(new AuthParams(scheme, params));
                    scheme = name;
                    params = new LinkedHashMap<>();
                    continue;
                }
                i++;
                skipLws();
                String value = value(name);
                if (params.putIfAbsent(name.toLowerCase(Locale.ROOT), value) != null) {
                    throw new MalformedDigestException("parameter " + name + " appears twice");
                }
                skipLws();
                if (i < s.length() && s.charAt(i) != ',') {
                    throw new MalformedDigestException("expected ',' after parameter " + name + " at " + i);
                }
            }
        }

        private String value(String name) {
            if (i < s.length() && s.charAt(i) == '"') {
                return quoted(name);
            }
            int start = i;
            while (i < s.length() && s.charAt(i) != ',' && !isLws(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new MalformedDigestException("parameter " + name + " has no value");
            }
            return s.substring(start, i);
        }

        /** A quoted-string with backslash escapes (RFC 3261 25.1 quoted-pair). */
        private String quoted(String name) {
            StringBuilder out = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && i < s.length()) {
                    c = s.charAt(i++);
                }
                out.append(c);
            }
            throw new MalformedDigestException("parameter " + name + " has an unterminated quoted value");
        }

        private String token(String what) {
            int start = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new MalformedDigestException("expected a " + what + " at " + i + " in the auth header");
            }
            return s.substring(start, i);
        }

        private void skipLws() {
            while (i < s.length() && isLws(s.charAt(i))) {
                i++;
            }
        }

        private void skipSeparators() {
            while (i < s.length() && (isLws(s.charAt(i)) || s.charAt(i) == ',')) {
                i++;
            }
        }

        private static boolean isLws(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_SPECIALS.indexOf(c) >= 0;
        }
    }
}
