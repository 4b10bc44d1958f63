package io.sipcall.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/** The request-digest of RFC 7616 3.4.1 (and RFC 2069 without qop), shared by client and verifier. */
final class DigestMath {

    private DigestMath() {
    }

    /**
     * {@code KD(HA1, nonce:nc:cnonce:qop:HA2)} with a qop, else {@code KD(HA1, nonce:HA2)} (RFC 2069
     * compatibility, RFC 2617 3.2.2.1), where {@code HA2 = H(method:uri)} for {@code qop=auth}.
     */
    static String response(DigestAlgorithm algorithm, String ha1, String nonce, String qop, String nc,
            String cnonce, String method, String uri) {
        String ha2 = algorithm.hash(method + ":" + uri);
        if (qop == null) {
            return algorithm.hash(ha1 + ":" + nonce + ":" + ha2);
        }
        return algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /**
     * Compares two hex digests in time independent of where they differ ({@link MessageDigest#isEqual}),
     * so a client cannot learn a response byte by byte from timing. Hex case is ignored; lengths are
     * not secret (they follow from the algorithm).
     */
    static boolean sameDigest(String expected, String given) {
        return MessageDigest.isEqual(expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
