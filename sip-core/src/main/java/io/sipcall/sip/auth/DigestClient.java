package io.sipcall.sip.auth;

import io.sipcall.config.Secret;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Answers Digest challenges for one credential (a trunk's user name and password): builds the
 * {@code Authorization} or {@code Proxy-Authorization} value (RFC 7616 3.4, RFC 3261 22.2).
 *
 * <p>With {@code qop=auth} offered it sends {@code qop=auth}, a fresh cnonce (128 bits from
 * {@link SecureRandom}) and the nonce count for that nonce, which goes up by one on every use, so a
 * nonce can be reused for later requests (pre-emptive credentials on a registration refresh). Without
 * qop it answers the RFC 2069 way: no cnonce, no nc.
 *
 * <p>Not thread-safe: confined to its owner's executor, like the registration or call that uses it.
 */
public final class DigestClient {

    /** Nonce counts kept: enough for a registrar and a proxy challenging at once. */
    private static final int NONCES_KEPT = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String username;
    private final Secret password;
    private final Supplier<String> cnonces;
    private final Map<String, Integer> counts = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > NONCES_KEPT;
        }
    };

    public DigestClient(String username, Secret password) {
        this(username, password, DigestClient::randomCnonce);
    }

    /** With a chosen cnonce source, for the RFC test vectors. */
    DigestClient(String username, Secret password, Supplier<String> cnonces) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.cnonces = cnonces;
    }

    /**
     * The credentials answering {@code challenge} for a request.
     *
     * @param method    the request's method ({@code REGISTER}, {@code INVITE}); for ACK and CANCEL the
     *                  INVITE's credentials are reused by the caller (RFC 3261 22.1)
     * @param digestUri the Request-URI exactly as sent (RFC 3261 22.4: digest-uri is the Request-URI)
     * @throws UnsupportedDigestException if the challenge offers only {@code qop=auth-int}
     */
    public String authorize(DigestChallenge challenge, String method, String digestUri) {
        if (!challenge.answerable()) {
            throw new UnsupportedDigestException("challenge offers qop " + challenge.qop() + ", not auth");
        }
        DigestAlgorithm algorithm = challenge.algorithm();
        String ha1 = Ha1.of(algorithm, username, challenge.realm(), password.reveal());
        String qop = challenge.offersAuth() ? "auth" : null;
        String nc = qop == null ? null : nextCount(challenge.nonce());
        String cnonce = qop == null ? null : cnonces.get();
        String response = DigestMath.response(algorithm, ha1, challenge.nonce(), qop, nc, cnonce, method, digestUri);
        // nonce before cnonce: some peers (SIPp 3.6.1) find parameters by substring search.
        StringBuilder s = new StringBuilder("Digest username=").append(Quoting.quote(username))
                .append(", realm=").append(Quoting.quote(challenge.realm()))
                .append(", nonce=").append(Quoting.quote(challenge.nonce()))
                .append(", uri=").append(Quoting.quote(digestUri))
                .append(", response=\"").append(response).append('"')
                .append(", algorithm=").append(algorithm.token());
        if (qop != null) {
            s.append(", qop=").append(qop)
                    .append(", nc=").append(nc)
                    .append(", cnonce=").append(Quoting.quote(cnonce));
        }
        challenge.opaque().ifPresent(opaque -> s.append(", opaque=").append(Quoting.quote(opaque)));
        return s.toString();
    }

    /** The nonce count for this use of {@code nonce}: 8 hex digits, starting at 00000001 (RFC 7616 3.4). */
    private String nextCount(String nonce) {
        int count = counts.merge(nonce, 1, Integer::sum);
        return String.format("%08x", count);
    }

    private static String randomCnonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
