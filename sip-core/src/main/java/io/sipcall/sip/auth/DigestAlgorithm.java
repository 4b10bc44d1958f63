package io.sipcall.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The digest algorithms we implement (RFC 7616 3.2), weakest first: the declaration order is the
 * preference order {@link DigestChallenge#strongest} uses.
 *
 * <p>The {@code -sess} variants are refused on purpose: they change HA1 per client nonce, which a
 * server storing HA1 cannot verify against a pre-computed value without extra state, and no trunk
 * we target requires them.
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The token in the {@code algorithm} parameter: {@code MD5} or {@code SHA-256}. */
    public String token() {
        return token;
    }

    /**
     * The algorithm named by an {@code algorithm} parameter (case-insensitive, RFC 7616 3.3).
     *
     * @throws UnsupportedDigestException for any other token, with a clear word for {@code -sess}
     */
    public static DigestAlgorithm fromToken(String token) {
        String t = token.trim();
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equalsIgnoreCase(t)) {
                return algorithm;
            }
        }
        if (t.toLowerCase(Locale.ROOT).endsWith("-sess")) {
            throw new UnsupportedDigestException("digest algorithm " + t
                    + " is not supported: -sess variants are refused (use MD5 or SHA-256)");
        }
        throw new UnsupportedDigestException("digest algorithm " + t + " is not supported (use MD5 or SHA-256)");
    }

    /** {@code H(data)}: the lower-case hex digest of the UTF-8 bytes (RFC 7616 3.4.1). */
    public String hash(String data) {
        return HexFormat.of().formatHex(newDigest().digest(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** Length of {@link #hash} results in hex characters. */
    public int hexLength() {
        return this == MD5 ? 32 : 64;
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 and SHA-256 (MessageDigest javadoc).
            throw new IllegalStateException(jcaName + " is missing from this Java runtime", e);
        }
    }
}
