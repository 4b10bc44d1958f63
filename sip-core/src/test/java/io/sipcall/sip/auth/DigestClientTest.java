package io.sipcall.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.config.Secret;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestClientTest {

    // RFC 7616 3.9.1
    static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    static final String OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    static final String REALM = "http-auth@example.org";
    static final Secret PASSWORD = new Secret("Circle of Life");

    private static DigestChallenge rfc7616(DigestAlgorithm algorithm) {
        return new DigestChallenge(REALM, NONCE, Optional.of(OPAQUE), algorithm, List.of("auth", "auth-int"), false);
    }

    private static DigestClient mufasa(Secret password, String cnonce) {
        return new DigestClient("Mufasa", password, () -> cnonce);
    }

    @Test
    void rfc_7616_md5_example() {
        String value = mufasa(PASSWORD, CNONCE).authorize(rfc7616(DigestAlgorithm.MD5), "GET", "/dir/index.html");
        DigestResponse r = DigestResponse.parse(value);

        assertThat(r.response()).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        assertThat(r.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(r.username()).isEqualTo("Mufasa");
        assertThat(r.realm()).isEqualTo(REALM);
        assertThat(r.uri()).isEqualTo("/dir/index.html");
        assertThat(r.nonce()).isEqualTo(NONCE);
        assertThat(r.qop()).contains("auth");
        assertThat(r.nc()).contains("00000001");
        assertThat(r.cnonce()).contains(CNONCE);
        assertThat(r.opaque()).contains(OPAQUE);
    }

    @Test
    void rfc_7616_sha256_example() {
        String value = mufasa(PASSWORD, CNONCE).authorize(rfc7616(DigestAlgorithm.SHA_256), "GET", "/dir/index.html");

        assertThat(DigestResponse.parse(value).response())
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        assertThat(value).contains("algorithm=SHA-256", "qop=auth,", "nc=00000001");
    }

    @Test
    void rfc_2617_md5_qop_auth_example() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");

        String value = mufasa(new Secret("Circle Of Life"), "0a4f113b").authorize(challenge, "GET", "/dir/index.html");

        assertThat(DigestResponse.parse(value).response()).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void without_qop_the_answer_is_rfc_2069_style() {
        DigestChallenge challenge = DigestChallenge.parse(
                "Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"");

        String value = mufasa(new Secret("CircleOfLife"), "unused").authorize(challenge, "GET", "/dir/index.html");

        // H(HA1:nonce:HA2) for the inputs of RFC 2069's example (password CircleOfLife), computed
        // independently; the response printed in RFC 2069 itself does not match them.
        assertThat(DigestResponse.parse(value).response()).isEqualTo("1949323746fe6a43ef61f9606e7febea");
        assertThat(value).doesNotContain("qop", "nc=", "cnonce", "opaque");
    }

    @Test
    void the_nonce_count_goes_up_per_use_of_a_nonce_and_restarts_for_a_new_one() {
        DigestClient client = new DigestClient("alice", new Secret("pw"));
        DigestChallenge first = DigestChallenge.parse("Digest realm=\"r\", nonce=\"one\", qop=\"auth\"");
        DigestChallenge second = DigestChallenge.parse("Digest realm=\"r\", nonce=\"two\", qop=\"auth\"");

        assertThat(nc(client.authorize(first, "REGISTER", "sip:r"))).isEqualTo("00000001");
        assertThat(nc(client.authorize(first, "REGISTER", "sip:r"))).isEqualTo("00000002");
        assertThat(nc(client.authorize(second, "REGISTER", "sip:r"))).isEqualTo("00000001");
        assertThat(nc(client.authorize(first, "REGISTER", "sip:r"))).isEqualTo("00000003");
    }

    @Test
    void each_answer_gets_a_fresh_random_cnonce() {
        DigestClient client = new DigestClient("alice", new Secret("pw"));
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth\"");

        String a = DigestResponse.parse(client.authorize(challenge, "REGISTER", "sip:r")).cnonce().orElseThrow();
        String b = DigestResponse.parse(client.authorize(challenge, "REGISTER", "sip:r")).cnonce().orElseThrow();

        assertThat(a).hasSize(32).isNotEqualTo(b);
    }

    @Test
    void the_answer_verifies_and_never_contains_the_password() {
        DigestChallenge challenge = DigestChallenge.parse(
                "Digest realm=\"sip.telnyx.com\", nonce=\"n\", qop=\"auth\", algorithm=SHA-256, opaque=\"o\"");

        String value = new DigestClient("user1", new Secret("s3cret")).authorize(challenge, "REGISTER",
                "sip:sip.telnyx.com");

        assertThat(value).doesNotContain("s3cret").contains("opaque=\"o\"");
        assertThat(DigestVerifier.verify(DigestResponse.parse(value), "REGISTER", "sip:sip.telnyx.com",
                Ha1.sha256("user1", "sip.telnyx.com", "s3cret"), "sip.telnyx.com")).isTrue();
    }

    @Test
    void a_challenge_offering_only_auth_int_is_refused() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"");

        assertThatThrownBy(() -> new DigestClient("a", new Secret("b")).authorize(challenge, "INVITE", "sip:x"))
                .isInstanceOf(UnsupportedDigestException.class);
    }

    private static String nc(String authorization) {
        return DigestResponse.parse(authorization).nc().orElseThrow();
    }
}
