package io.sipcall.sip.session;

import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.auth.DigestChallenge;
import io.sipcall.sip.auth.DigestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.header.Header;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The digest challenges one request meets at a trunk, and our answers (RFC 3261 22.2). One answer
 * per request, so wrong credentials never loop; a challenge marked stale=true (our credentials were
 * right, the nonce had expired) may be answered once more. Confined to the leg's executor.
 */
final class TrunkChallenges {

    private DigestClient client;
    private int answered;
    private boolean staleAnswered;

    /**
     * The Authorization or Proxy-Authorization value answering {@code challenge} for
     * {@code request} on {@code trunk}, or empty when we must not (or cannot) answer.
     */
    Optional<String> answer(TrunkConfig trunk, Response challenge, Request request) {
        if (trunk.auth().mode() != TrunkConfig.AuthMode.CREDENTIALS || trunk.auth().password().isEmpty()) {
            return Optional.empty();
        }
        Optional<DigestChallenge> best = DigestChallenge.strongest(values(challenge));
        if (best.isEmpty()) {
            return Optional.empty();
        }
        if (answered > 0) {
            if (!best.get().stale() || staleAnswered) {
                return Optional.empty();
            }
            staleAnswered = true;
        }
        answered++;
        if (client == null) {
            client = new DigestClient(trunk.auth().username(), trunk.auth().password().get());
        }
        return Optional.of(client.authorize(best.get(), request.getMethod(), request.getRequestURI().toString()));
    }

    private static List<String> values(Response challenge) {
        String name = challenge.getStatusCode() == Response.UNAUTHORIZED
                ? WWWAuthenticateHeader.NAME : ProxyAuthenticateHeader.NAME;
        List<String> values = new ArrayList<>();
        ListIterator<?> headers = challenge.getHeaders(name);
        while (headers.hasNext()) {
            String line = ((Header) headers.next()).toString().trim();
            int colon = line.indexOf(':');
            values.add(colon >= 0 ? line.substring(colon + 1).trim() : line);
        }
        return values;
    }
}
