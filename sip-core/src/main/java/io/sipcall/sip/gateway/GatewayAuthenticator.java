package io.sipcall.sip.gateway;

import io.sipcall.config.GatewayConfig;
import io.sipcall.config.UserConfig;
import io.sipcall.sip.auth.AuthFailureGuard;
import io.sipcall.sip.auth.DigestAlgorithm;
import io.sipcall.sip.auth.DigestChallenge;
import io.sipcall.sip.auth.DigestException;
import io.sipcall.sip.auth.DigestResponse;
import io.sipcall.sip.auth.DigestVerifier;
import io.sipcall.sip.auth.NonceCheck;
import io.sipcall.sip.auth.NonceService;
import io.sipcall.sip.port.Directory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a request from the gateway side may proceed (RFC 3261 22, RFC 7616, RFC 3325):
 *
 * <ol>
 *   <li>a source that failed authentication {@code max-failures} times within {@code window} is
 *       refused (403) for {@code block-for}, whatever it sends; other sources are unaffected;</li>
 *   <li>a trusted peer (by source address, or by a TLS client certificate that
 *       {@code gateway.trusted-certificates} verify) is believed: the user is the one its P-Asserted-Identity
 *       names (by user id or SIP user name); an unknown asserted user is refused; no assertion means
 *       a call with no user;</li>
 *   <li>anyone else needs digest credentials: none yet, or a nonce that is not ours or expired,
 *       gets a challenge (stale=true for an expired nonce); wrong credentials, an unknown user or a
 *       replayed nonce count are refused with 403 and count as a failure of the source.</li>
 * </ol>
 * HA1 values are the only secrets held; responses are compared in constant time.
 */
public final class GatewayAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayAuthenticator.class);

    private final GatewayConfig config;
    private final Directory directory;
    private final NonceService nonces;
    private final AuthFailureGuard guard;
    private final List<Cidr> trusted;

    public GatewayAuthenticator(GatewayConfig config, Directory directory, Clock clock) {
        this.config = config;
        this.directory = directory;
        this.nonces = new NonceService(clock, config.nonceLifetime());
        this.guard = new AuthFailureGuard(config.authFailures().maxFailures(), config.authFailures().window(),
                config.authFailures().blockFor(), clock);
        this.trusted = config.trustedPeers().stream().map(Cidr::parse).toList();
    }

    /** Authenticates {@code request}, received from {@code source} (an IP address literal). */
    public AuthOutcome authenticate(Request request, String source) {
        if (guard.blocked(source)) {
            return new AuthOutcome.Refused(403, "Forbidden: too many failed attempts");
        }
        if (isTrusted(source) || (!config.trustedCertificates().isEmpty()
                && TlsPeers.presentedTrustedCertificate(request))) {
            return asserted(request);
        }
        String header = credentials(request);
        if (header == null) {
            return challenge(false);
        }
        DigestResponse response;
        try {
            response = DigestResponse.parse(header);
        } catch (DigestException e) {
            return fail(source, "malformed credentials");
        }
        NonceCheck nonce = nonces.check(response.nonce(), response.nc().orElse(null));
        switch (nonce) {
            case INVALID:
                return challenge(false);
            case STALE:
                return challenge(true);
            case REPLAY:
                return fail(source, "replayed nonce count");
            default:
                break;
        }
        Optional<Directory.User> user = directory.userBySipUsername(response.username());
        Optional<UserConfig.SipCredential> credential = user.flatMap(u -> u.config().sip());
        if (credential.isEmpty()) {
            return fail(source, "unknown user");
        }
        String ha1 = response.algorithm() == DigestAlgorithm.SHA_256 ? credential.get().ha1Sha256()
                : credential.get().ha1Md5();
        String requestUri = request.getRequestURI().toString();
        String checkedUri = sameResource(response.uri(), request) ? response.uri() : requestUri;
        if (!DigestVerifier.verify(response, request.getMethod(), checkedUri, ha1, config.realm())) {
            return fail(source, "wrong credentials for " + response.username());
        }
        guard.succeeded(source);
        return new AuthOutcome.Authenticated(user);
    }

    /**
     * Whether the digest-uri names the same resource as the Request-URI (RFC 2617 3.2.2.5): a SIP URI
     * with the same scheme, host and port. UAs differ in what they put there (SIPp leaves out the
     * user part); the response is still bound to the uri it names, and nonce counts stop replays.
     */
    private static boolean sameResource(String digestUri, Request request) {
        if (!(request.getRequestURI() instanceof SipURI target)) {
            return false;
        }
        String scheme = target.isSecure() ? "sips:" : "sip:";
        if (!digestUri.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return false;
        }
        String rest = digestUri.substring(scheme.length());
        rest = rest.substring(rest.indexOf('@') + 1);
        int end = rest.length();
        for (char stop : new char[] {';', '?'}) {
            int at = rest.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        String hostPort = rest.substring(0, end);
        int port = target.getPort() > 0 ? target.getPort() : 5060;
        String host = target.getHost();
        return hostPort.equalsIgnoreCase(host + ":" + port) || (port == 5060 && hostPort.equalsIgnoreCase(host));
    }

    /** The header carrying credentials: Authorization for REGISTER, Proxy-Authorization otherwise. */
    private static String credentials(Request request) {
        if (Request.REGISTER.equals(request.getMethod())) {
            AuthorizationHeader header = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
            return header == null ? null : valueOf(header.toString(), AuthorizationHeader.NAME);
        }
        ProxyAuthorizationHeader header = (ProxyAuthorizationHeader) request.getHeader(ProxyAuthorizationHeader.NAME);
        return header == null ? null : valueOf(header.toString(), ProxyAuthorizationHeader.NAME);
    }

    private static String valueOf(String headerLine, String name) {
        String line = headerLine.trim();
        return line.regionMatches(true, 0, name + ":", 0, name.length() + 1)
                ? line.substring(name.length() + 1).trim() : line;
    }

    /**
     * A challenge for MD5 and SHA-256 (RFC 8760). MD5 is listed first: the gateway's SIP stack
     * (Sofia-SIP in Janus) and SIPp answer only the first challenge and only in MD5, and would give
     * up on a SHA-256 one; clients that prefer SHA-256 still find it offered.
     */
    private AuthOutcome challenge(boolean stale) {
        String nonce = nonces.issue();
        return new AuthOutcome.Challenge(List.of(
                new DigestChallenge(config.realm(), nonce, Optional.empty(), DigestAlgorithm.MD5, List.of("auth"),
                        stale).toHeaderValue(),
                new DigestChallenge(config.realm(), nonce, Optional.empty(), DigestAlgorithm.SHA_256, List.of("auth"),
                        stale).toHeaderValue()));
    }

    private AuthOutcome fail(String source, String why) {
        guard.failed(source);
        LOG.warn("authentication failed from {}: {}", source, why);
        return new AuthOutcome.Refused(403, "Forbidden");
    }

    private AuthOutcome asserted(Request request) {
        HeaderAddress pai = (HeaderAddress) request.getHeader("P-Asserted-Identity");
        if (pai == null || !(pai.getAddress().getURI() instanceof SipURI uri) || uri.getUser() == null) {
            return new AuthOutcome.Authenticated(Optional.empty());
        }
        Optional<Directory.User> user = directory.user(uri.getUser()).or(() -> directory.userBySipUsername(uri.getUser()));
        if (user.isEmpty()) {
            LOG.warn("trusted peer asserted an unknown user");
            return new AuthOutcome.Refused(403, "Forbidden: unknown asserted identity");
        }
        return new AuthOutcome.Authenticated(user);
    }

    private boolean isTrusted(String source) {
        if (trusted.isEmpty()) {
            return false;
        }
        try {
            byte[] address = InetAddress.getByName(source).getAddress();
            return trusted.stream().anyMatch(block -> block.contains(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An address block: the first {@code bits} bits of {@code network}. Literals only, no DNS. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            try {
                byte[] network = InetAddress.getByName(parts[0].replace("[", "").replace("]", "")).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                return new Cidr(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("bad trusted peer " + text, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
