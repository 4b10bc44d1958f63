package io.sipcall.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * HA1 digests of a SIP credential (RFC 7616 3.4.2): {@code H(username ":" realm ":" password)},
 * written as lower-case hex, the text encoded as UTF-8. Only these are kept; the password is not.
 */
final class Ha1 {

    private Ha1() {
    }

    /** Hex MD5 of {@code username:realm:password}: 32 characters. */
    static String md5(String username, String realm, String password) {
        return digest("MD5", username, realm, password);
    }

    /** Hex SHA-256 of {@code username:realm:password}: 64 characters. */
    static String sha256(String username, String realm, String password) {
        return digest("SHA-256", username, realm, password);
    }

    private static String digest(String algorithm, String username, String realm, String password) {
        try {
            byte[] a1 = (username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(a1));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 and SHA-256 (MessageDigest's documentation).
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
