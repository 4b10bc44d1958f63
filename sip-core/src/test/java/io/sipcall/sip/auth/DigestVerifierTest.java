package io.sipcall.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.config.Secret;
import org.junit.jupiter.api.Test;

class DigestVerifierTest {

    static final String REALM = "http-auth@example.org";
    static final String URI = "/dir/index.html";
    static final String HA1_MD5 = Ha1.md5("Mufasa", REALM, "Circle of Life");
    static final String HA1_SHA256 = Ha1.sha256("Mufasa", REALM, "Circle of Life");

    @Test
    void ha1_is_lower_case_hex_of_user_realm_password() {
        assertThat(HA1_MD5).isEqualTo("3d78807defe7de2157e2b0b6573a855f");
        assertThat(HA1_SHA256).isEqualTo("7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232");
    }

    @Test
    void the_rfc_7616_sha256_credentials_verify_against_the_stored_ha1() {
        DigestResponse r = DigestResponse.parse(DigestResponseTest.RFC7616_SHA256);

        assertThat(DigestVerifier.verify(r, "GET", URI, HA1_SHA256, REALM)).isTrue();
    }

    @Test
    void the_rfc_7616_md5_credentials_verify_against_the_stored_ha1() {
        DigestResponse r = DigestResponse.parse(DigestResponseTest.RFC7616_SHA256
                .replace("algorithm=SHA-256", "algorithm=MD5")
                .replace("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                        "8ca523f5e9506fed4657c9700eebdbec"));

        assertThat(DigestVerifier.verify(r, "GET", URI, HA1_MD5, REALM)).isTrue();
    }

    @Test
    void anything_that_differs_fails() {
        DigestResponse r = DigestResponse.parse(DigestResponseTest.RFC7616_SHA256);

        assertThat(DigestVerifier.verify(r, "POST", URI, HA1_SHA256, REALM)).as("method").isFalse();
        assertThat(DigestVerifier.verify(r, "GET", "/other", HA1_SHA256, REALM)).as("uri").isFalse();
        assertThat(DigestVerifier.verify(r, "GET", URI, HA1_SHA256, "other-realm")).as("realm").isFalse();
        assertThat(DigestVerifier.verify(r, "GET", URI, Ha1.sha256("Mufasa", REALM, "wrong"), REALM))
                .as("password").isFalse();
        assertThat(DigestVerifier.verify(r, "GET", URI, HA1_MD5, REALM)).as("HA1 of the other algorithm").isFalse();
    }

    @Test
    void a_response_one_hex_digit_off_or_cut_short_fails_and_hex_case_does_not_matter() {
        DigestResponse r = DigestResponse.parse(DigestResponseTest.RFC7616_SHA256);
        String good = r.response();

        assertThat(DigestVerifier.verify(withResponse(r, good.substring(0, 63) + "0"), "GET", URI, HA1_SHA256, REALM))
                .isFalse();
        assertThat(DigestVerifier.verify(withResponse(r, "0" + good.substring(1)), "GET", URI, HA1_SHA256, REALM))
                .isFalse();
        assertThat(DigestVerifier.verify(withResponse(r, good.substring(0, 32)), "GET", URI, HA1_SHA256, REALM))
                .isFalse();
        assertThat(DigestVerifier.verify(withResponse(r, ""), "GET", URI, HA1_SHA256, REALM)).isFalse();
        assertThat(DigestVerifier.verify(withResponse(r, good.toUpperCase()), "GET", URI, HA1_SHA256, REALM)).isTrue();
    }

    @Test
    void the_comparison_is_messagedigest_is_equal_over_the_hex_bytes() {
        // DigestVerifier compares only through DigestMath.sameDigest, which is MessageDigest.isEqual:
        // constant time in where the strings differ.
        assertThat(DigestMath.sameDigest("abcdef", "ABCDEF")).isTrue();
        assertThat(DigestMath.sameDigest("abcdef", "abcdee")).isFalse();
        assertThat(DigestMath.sameDigest("abcdef", "abcde")).isFalse();
    }

    @Test
    void client_answers_verify_for_both_algorithms_with_and_without_qop() {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            for (String qop : new String[] {", qop=\"auth\"", ""}) {
                DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"sipcall\", nonce=\"n\", algorithm="
                        + algorithm.token() + qop);
                String value = new DigestClient("alice", new Secret("pw")).authorize(challenge, "INVITE",
                        "sip:+15551230000@sipcall");

                assertThat(DigestVerifier.verify(DigestResponse.parse(value), "INVITE", "sip:+15551230000@sipcall",
                        Ha1.of(algorithm, "alice", "sipcall", "pw"), "sipcall")).as(algorithm + qop).isTrue();
            }
        }
    }

    private static DigestResponse withResponse(DigestResponse r, String response) {
        return new DigestResponse(r.username(), r.realm(), r.nonce(), r.uri(), response, r.algorithm(), r.qop(),
                r.nc(), r.cnonce(), r.opaque());
    }
}
