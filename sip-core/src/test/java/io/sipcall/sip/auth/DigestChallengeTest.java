package io.sipcall.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestChallengeTest {

    /** RFC 7616 3.9.1, as printed: folded over lines, qop list with a space. */
    static final String RFC7616_SHA256 = """
            Digest
                   realm="http-auth@example.org",
                   qop="auth, auth-int",
                   algorithm=SHA-256,
                   nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                   opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"""";

    @Test
    void the_rfc_7616_challenge_is_parsed_across_folded_lines() {
        DigestChallenge c = DigestChallenge.parse(RFC7616_SHA256);

        assertThat(c.realm()).isEqualTo("http-auth@example.org");
        assertThat(c.nonce()).isEqualTo("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v");
        assertThat(c.opaque()).contains("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
        assertThat(c.algorithm()).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(c.qop()).containsExactly("auth", "auth-int");
        assertThat(c.stale()).isFalse();
        assertThat(c.offersAuth()).isTrue();
    }

    @Test
    void algorithm_defaults_to_md5_and_qop_to_none() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"sip.telnyx.com\", nonce=\"abc\"");

        assertThat(c.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(c.qop()).isEmpty();
        assertThat(c.opaque()).isEmpty();
        assertThat(c.answerable()).isTrue();
    }

    @Test
    void scheme_and_names_are_case_insensitive_and_odd_spacing_is_tolerated() {
        DigestChallenge c = DigestChallenge.parse(
                "  digest\tREALM = \"r\" ,, Nonce=\"n\",ALGORITHM=md5 ,\tqop=auth,STALE=TRUE  ");

        assertThat(c.realm()).isEqualTo("r");
        assertThat(c.nonce()).isEqualTo("n");
        assertThat(c.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(c.qop()).containsExactly("auth");
        assertThat(c.stale()).isTrue();
    }

    @Test
    void unquoted_base64_values_escaped_quotes_and_unknown_parameters_are_accepted() {
        DigestChallenge c = DigestChallenge.parse(
                "Digest realm=\"say \\\"hi\\\", \\\\ok\", domain=\"sip:a sip:b\", nonce=ab+/c==, x-vendor=1, stale=false");

        assertThat(c.realm()).isEqualTo("say \"hi\", \\ok");
        assertThat(c.nonce()).isEqualTo("ab+/c==");
        assertThat(c.stale()).isFalse();
    }

    @Test
    void a_challenge_without_nonce_or_realm_is_malformed() {
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"r\""))
                .isInstanceOf(MalformedDigestException.class).hasMessageContaining("nonce");
        assertThatThrownBy(() -> DigestChallenge.parse("Digest nonce=\"n\""))
                .isInstanceOf(MalformedDigestException.class).hasMessageContaining("realm");
    }

    @Test
    void garbled_values_are_malformed() {
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"r, nonce=\"n\"x"))
                .isInstanceOf(MalformedDigestException.class);
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"unterminated"))
                .isInstanceOf(MalformedDigestException.class).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"a\", realm=\"b\", nonce=\"n\""))
                .isInstanceOf(MalformedDigestException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=, nonce=\"n\""))
                .isInstanceOf(MalformedDigestException.class);
        assertThatThrownBy(() -> DigestChallenge.parse("   "))
                .isInstanceOf(MalformedDigestException.class);
    }

    @Test
    void other_schemes_and_algorithms_are_refused_and_sess_variants_say_so() {
        assertThatThrownBy(() -> DigestChallenge.parse("Basic realm=\"r\""))
                .isInstanceOf(UnsupportedDigestException.class).hasMessageContaining("Basic");
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess"))
                .isInstanceOf(UnsupportedDigestException.class).hasMessageContaining("-sess variants are refused");
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256"))
                .isInstanceOf(UnsupportedDigestException.class).hasMessageContaining("SHA-512-256");
    }

    @Test
    void strongest_prefers_sha256_over_md5_whatever_the_order() {
        String md5 = "Digest realm=\"r\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"";
        String sha = "Digest realm=\"r\", nonce=\"n2\", algorithm=SHA-256, qop=\"auth\"";

        assertThat(DigestChallenge.strongest(List.of(md5, sha))).map(DigestChallenge::nonce).contains("n2");
        assertThat(DigestChallenge.strongest(List.of(sha, md5))).map(DigestChallenge::nonce).contains("n2");
    }

    @Test
    void strongest_keeps_the_first_of_equals_and_skips_what_it_cannot_answer() {
        List<String> offered = List.of(
                "Basic realm=\"r\"",
                "Digest realm=\"r\", nonce=\"sess\", algorithm=SHA-256-sess, qop=\"auth\"",
                "Digest realm=\"r\", nonce=\"int\", algorithm=SHA-256, qop=\"auth-int\"",
                "Digest realm=\"r\", nonce=\"512\", algorithm=SHA-512-256",
                "Digest realm=\"broken",
                "Digest realm=\"r\", nonce=\"first\"",
                "Digest realm=\"r\", nonce=\"second\"");

        assertThat(DigestChallenge.strongest(offered)).map(DigestChallenge::nonce).contains("first");
        assertThat(DigestChallenge.strongest(List.of("Basic realm=\"r\""))).isEmpty();
        assertThat(DigestChallenge.strongest(List.of())).isEmpty();
    }

    @Test
    void strongest_finds_challenges_listed_in_one_header_value() {
        Optional<DigestChallenge> c = DigestChallenge.strongest(List.of(
                "Digest realm=\"r\", nonce=\"m\", algorithm=MD5, Digest realm=\"r\", nonce=\"s\", algorithm=SHA-256"));

        assertThat(c).map(DigestChallenge::nonce).contains("s");
    }

    @Test
    void a_server_challenge_round_trips_through_its_header_value() {
        DigestChallenge c = new DigestChallenge("sip\"call", "n0nce", Optional.of("op"), DigestAlgorithm.SHA_256,
                List.of("auth"), true);

        assertThat(DigestChallenge.parse(c.toHeaderValue())).isEqualTo(c);
        assertThat(c.toHeaderValue()).contains("stale=true", "algorithm=SHA-256", "qop=\"auth\"");
    }
}
