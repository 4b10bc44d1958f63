package io.sipcall.sip.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TlsPolicyTest {

    @Test
    void tls12_and_tls13_are_accepted_in_the_configured_order() {
        assertThat(TlsPolicy.enabledProtocols(List.of("TLSv1.2", "TLSv1.3"))).containsExactly("TLSv1.2", "TLSv1.3");
    }

    @Test
    void tls11_is_rejected_naming_sip_tls_protocols() {
        assertThatThrownBy(() -> TlsPolicy.enabledProtocols(List.of("TLSv1.3", "TLSv1.1")))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageStartingWith("sip.tls.protocols: 'TLSv1.1' is not allowed");
    }

    @Test
    void empty_protocol_list_is_rejected_because_the_stack_would_fall_back_to_tls1() {
        assertThatThrownBy(() -> TlsPolicy.enabledProtocols(List.of()))
                .hasMessageStartingWith("sip.tls.protocols: must name at least one of");
    }

    @Test
    void enabled_cipher_suites_are_the_modern_list_as_java_17_supports_all_of_it() {
        List<String> suites = TlsPolicy.enabledCipherSuites();

        assertThat(suites).containsExactlyElementsOf(TlsPolicy.MODERN_CIPHER_SUITES);
        assertThat(suites).allSatisfy(suite -> assertThat(suite)
                .doesNotContain("anon", "CBC", "NULL", "RC4", "3DES", "_SHA1")
                .doesNotStartWith("TLS_RSA_")
                .containsAnyOf("GCM", "CHACHA20_POLY1305"));
    }
}
