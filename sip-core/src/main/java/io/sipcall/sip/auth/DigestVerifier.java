package io.sipcall.sip.auth;

/**
 * Checks Digest credentials against a stored HA1 (RFC 7616 3.4.1, RFC 3261 22.4). Stateless: the
 * nonce's freshness and replay are {@link NonceService}'s job, done before this.
 */
public final class DigestVerifier {

    private DigestVerifier() {
    }

    /**
     * Whether {@code r} proves knowledge of the password behind {@code ha1}.
     *
     * <p>False unless the realm is ours, the digest-uri is the Request-URI (RFC 2617 3.2.2.5; compared
     * as strings, as a UA builds the digest-uri from the Request-URI it sends), the qop is none or
     * {@code auth}, and the response matches. The response is compared in constant time.
     *
     * @param method        the request's method
     * @param requestUri    the Request-URI as received
     * @param ha1           HA1 for {@code r.algorithm()} ({@link Ha1#md5} or {@link Ha1#sha256})
     * @param expectedRealm the realm we challenged with
     */
    public static boolean verify(DigestResponse r, String method, String requestUri, String ha1,
            String expectedRealm) {
        if (!r.realm().equals(expectedRealm) || !r.uri().equals(requestUri)) {
            return false;
        }
        if (r.qop().isPresent() && !r.qop().get().equals("auth")) {
            return false;
        }
        if (ha1.length() != r.algorithm().hexLength()) {
            // A HA1 for the other algorithm: the caller looked up the wrong one.
            return false;
        }
        String expected = DigestMath.response(r.algorithm(), ha1, r.nonce(), r.qop().orElse(null),
                r.nc().orElse(null), r.cnonce().orElse(null), method, r.uri());
        return DigestMath.sameDigest(expected, r.response());
    }
}
