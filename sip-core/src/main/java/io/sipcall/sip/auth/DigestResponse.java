package io.sipcall.sip.auth;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Digest credentials from an {@code Authorization} or {@code Proxy-Authorization} value (RFC 7616
 * 3.4, RFC 3261 22.4), as a server receives them.
 *
 * @param username  the user name as sent ({@code username*} and {@code userhash=true} are refused)
 * @param realm     the realm the client answered
 * @param nonce     our nonce, echoed
 * @param uri       the digest-uri; the server compares it with the Request-URI
 * @param response  the request-digest, hex
 * @param algorithm MD5 when absent
 * @param qop       {@code auth} when the client used a qop; empty for RFC 2069 clients
 * @param nc        the nonce count (8 hex digits), present exactly when qop is
 * @param cnonce    the client nonce, present exactly when qop is
 * @param opaque    echoed from the challenge
 */
public record DigestResponse(String username, String realm, String nonce, String uri, String response,
                             DigestAlgorithm algorithm, Optional<String> qop, Optional<String> nc,
                             Optional<String> cnonce, Optional<String> opaque) {

    private static final Pattern NC = Pattern.compile("[0-9a-fA-F]{8}");
    private static final String WHAT = "credentials";

    public DigestResponse {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(algorithm, "algorithm");
        qop = qop == null ? Optional.empty() : qop;
        nc = nc == null ? Optional.empty() : nc;
        cnonce = cnonce == null ? Optional.empty() : cnonce;
        opaque = opaque == null ? Optional.empty() : opaque;
    }

    /**
     * Parses an {@code Authorization} value (without the header name).
     *
     * @throws MalformedDigestException   if a required parameter is missing or nc is not 8 hex digits
     * @throws UnsupportedDigestException if it is not Digest, uses another algorithm, {@code auth-int},
     *                                    or a hashed or extended user name
     */
    public static DigestResponse parse(String headerValue) {
        AuthParams p = AuthParams.parseOne(headerValue);
        if (!p.isDigest()) {
            throw new UnsupportedDigestException("auth scheme " + p.scheme() + " is not supported (only Digest)");
        }
        if ((p.get("username") == null && p.get("username*") != null) || "true".equalsIgnoreCase(p.get("userhash"))) {
            throw new UnsupportedDigestException("username* and userhash are not supported");
        }
        String algorithm = p.get("algorithm");
        Optional<String> qop = Optional.ofNullable(p.get("qop")).map(q -> q.trim().toLowerCase(Locale.ROOT));
        if (qop.isPresent() && !qop.get().equals("auth")) {
            throw new UnsupportedDigestException("qop " + qop.get() + " is not supported (only auth)");
        }
        Optional<String> nc = Optional.ofNullable(p.get("nc"));
        Optional<String> cnonce = Optional.ofNullable(p.get("cnonce"));
        if (qop.isPresent() && (nc.isEmpty() || cnonce.isEmpty())) {
            throw new MalformedDigestException("credentials with qop need nc and cnonce (RFC 7616 3.4)");
        }
        if (nc.isPresent() && !NC.matcher(nc.get()).matches()) {
            throw new MalformedDigestException("nc must be 8 hex digits");
        }
        return new DigestResponse(
                p.required("username", WHAT),
                p.required("realm", WHAT),
                p.required("nonce", WHAT),
                p.required("uri", WHAT),
                p.required("response", WHAT),
                algorithm == null ? DigestAlgorithm.MD5 : DigestAlgorithm.fromToken(algorithm),
                qop,
                qop.isPresent() ? nc : Optional.empty(),
                qop.isPresent() ? cnonce : Optional.empty(),
                Optional.ofNullable(p.get("opaque")));
    }
}
