package io.sipcall.sip.auth;

/** Writes quoted-strings for auth headers (RFC 3261 25.1). */
final class Quoting {

    private Quoting() {
    }

    /** {@code value} in double quotes, with {@code "} and {@code \} escaped as quoted-pairs. */
    static String quote(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\');
            }
            s.append(c);
        }
        return s.append('"').toString();
    }
}
