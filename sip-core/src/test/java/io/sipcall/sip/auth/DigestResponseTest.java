package io.sipcall.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestResponseTest {

    /** RFC 7616 3.9.1's Authorization for SHA-256, as printed. */
    static final String RFC7616_SHA256 = """
            Digest username="Mufasa",
                   realm="http-auth@example.org",
                   uri="/dir/index.html",
                   algorithm=SHA-256,
                   nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                   nc=00000001,
                   cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
                   qop=auth,
                   response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                   opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"""";

    @Test
    void the_rfc_7616_authorization_is_parsed() {
        DigestResponse r = DigestResponse.parse(RFC7616_SHA256);

        assertThat(r.username()).isEqualTo("Mufasa");
        assertThat(r.algorithm()).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(r.qop()).contains("auth");
        assertThat(r.nc()).contains("00000001");
        assertThat(r.cnonce()).contains("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        assertThat(r.opaque()).contains("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
    }

    @Test
    void an_rfc_2069_response_has_no_qop_nc_or_cnonce() {
        DigestResponse r = DigestResponse.parse(
                "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00\"");

        assertThat(r.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(r.qop()).isEmpty();
        assertThat(r.nc()).isEmpty();
        assertThat(r.cnonce()).isEmpty();
    }

    @Test
    void required_parameters_are_checked() {
        assertThatThrownBy(() -> DigestResponse.parse("Digest realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\""))
                .isInstanceOf(MalformedDigestException.class).hasMessageContaining("username");
        assertThatThrownBy(() -> DigestResponse.parse("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\""))
                .isInstanceOf(MalformedDigestException.class).hasMessageContaining("response");
        assertThatThrownBy(() -> DigestResponse.parse(
                "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth, cnonce=\"c\""))
                .isInstanceOf(MalformedDigestException.class).hasMessageContaining("nc");
        assertThatThrownBy(() -> DigestResponse.parse(
                "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth, nc=1, cnonce=\"c\""))
                .isInstanceOf(MalformedDigestException.class).hasMessageContaining("8 hex digits");
    }

    @Test
    void unsupported_forms_are_refused() {
        String base = "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"";
        assertThatThrownBy(() -> DigestResponse.parse(base + ", algorithm=SHA-256-sess"))
                .isInstanceOf(UnsupportedDigestException.class);
        assertThatThrownBy(() -> DigestResponse.parse(base + ", qop=auth-int, nc=00000001, cnonce=\"c\""))
                .isInstanceOf(UnsupportedDigestException.class);
        assertThatThrownBy(() -> DigestResponse.parse(base + ", userhash=true"))
                .isInstanceOf(UnsupportedDigestException.class);
        assertThatThrownBy(() -> DigestResponse.parse("Basic YWxhZGRpbjpvcGVuc2VzYW1l"))
                .isInstanceOf(DigestException.class);
    }
}
