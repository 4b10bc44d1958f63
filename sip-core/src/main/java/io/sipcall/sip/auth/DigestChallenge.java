package io.sipcall.sip.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Digest challenge from a {@code WWW-Authenticate} (401) or {@code Proxy-Authenticate} (407)
 * header (RFC 7616 3.3, RFC 3261 22.2 and 22.3).
 *
 * @param realm     the protection space; shown to no one, echoed in the credentials
 * @param nonce     the server's nonce, echoed
 * @param opaque    echoed unchanged when present
 * @param algorithm MD5 when the challenge names none (RFC 7616 3.3)
 * @param qop       the offered quality-of-protection tokens, lower-case; empty for an RFC 2069 server
 * @param stale     true when the previous credentials were right but their nonce had expired: answer
 *                  again with the new nonce, without treating it as a rejection (RFC 7616 3.3)
 */
public record DigestChallenge(String realm, String nonce, Optional<String> opaque, DigestAlgorithm algorithm,
                              List<String> qop, boolean stale) {

    public DigestChallenge {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        opaque = opaque == null ? Optional.empty() : opaque;
        Objects.requireNonNull(algorithm, "algorithm");
        qop = List.copyOf(qop);
    }

    /**
     * Parses one challenge value (the header's value, without {@code WWW-Authenticate:}).
     *
     * @throws MalformedDigestException   if it does not follow the grammar or lacks realm or nonce
     * @throws UnsupportedDigestException if it is not Digest, or names an algorithm we do not implement
     */
    public static DigestChallenge parse(String headerValue) {
        return from(AuthParams.parseOne(headerValue));
    }

    /**
     * The strongest usable Digest challenge among a response's {@code WWW-Authenticate} (or
     * {@code Proxy-Authenticate}) values: SHA-256 before MD5, the first offered among equals (RFC 7616
     * 3.7: a server lists them in its order of preference). Challenges we cannot answer (other
     * schemes, other algorithms, {@code -sess}, only {@code auth-int}, garbled) are skipped.
     */
    public static Optional<DigestChallenge> strongest(List<String> headerValues) {
        return headerValues.stream()
                .flatMap(value -> parseAllQuietly(value).stream())
                .filter(DigestChallenge::answerable)
                .reduce((best, next) -> next.algorithm().compareTo(best.algorithm()) > 0 ? next : best);
    }

    /** Whether {@link DigestClient} can answer it: no qop (RFC 2069) or {@code qop=auth} offered. */
    public boolean answerable() {
        return qop.isEmpty() || offersAuth();
    }

    /** Whether {@code qop=auth} is offered. */
    public boolean offersAuth() {
        return qop.contains("auth");
    }

    /** A new challenge with {@code stale} set, for a server re-challenging an expired nonce. */
    public DigestChallenge withStale(boolean stale) {
        return new DigestChallenge(realm, nonce, opaque, algorithm, qop, stale);
    }

    /** The header value a server sends: {@code Digest realm="...", nonce="...", ...}. */
    public String toHeaderValue() {
        StringBuilder s = new StringBuilder("Digest realm=").append(Quoting.quote(realm))
                .append(", nonce=").append(Quoting.quote(nonce))
                .append(", algorithm=").append(algorithm.token());
        if (!qop.isEmpty()) {
            s.append(", qop=").append(Quoting.quote(String.join(",", qop)));
        }
        opaque.ifPresent(o -> s.append(", opaque=").append(Quoting.quote(o)));
        if (stale) {
            s.append(", stale=true");
        }
        return s.toString();
    }

    private static List<DigestChallenge> parseAllQuietly(String value) {
        try {
            return AuthParams.parseAll(value).stream()
                    .filter(AuthParams::isDigest)
                    .flatMap(p -> {
                        try {
                            return Stream.of(from(p));
                        } catch (DigestException e) {
                            return Stream.empty();
                        }
                    })
                    .toList();
        } catch (DigestException e) {
            return List.of();
        }
    }

    private static DigestChallenge from(AuthParams p) {
        if (!p.isDigest()) {
            throw new UnsupportedDigestException("auth scheme " + p.scheme() + " is not supported (only Digest)");
        }
        String algorithm = p.get("algorithm");
        String qop = p.get("qop");
        return new DigestChallenge(
                p.required("realm", "challenge"),
                p.required("nonce", "challenge"),
                Optional.ofNullable(p.get("opaque")),
                algorithm == null ? DigestAlgorithm.MD5 : DigestAlgorithm.fromToken(algorithm),
                qop == null ? List.of() : Arrays.stream(qop.split(","))
                        .map(t -> t.trim().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList(),
                "true".equalsIgnoreCase(p.get("stale")));
    }
}
