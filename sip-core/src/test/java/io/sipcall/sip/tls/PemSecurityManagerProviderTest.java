package io.sipcall.sip.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.config.TlsConfig;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemSecurityManagerProviderTest {

    private static final TlsConfig DEFAULTS = new TlsConfig(Optional.empty(), Optional.empty(), null);

    @TempDir
    Path dataDir;

    private TlsMaterial material;

    @BeforeEach
    void generate() {
        material = TlsMaterial.loadOrCreate(DEFAULTS, dataDir, "sip.example.org");
    }

    @Test
    void stack_properties_name_the_provider_the_pem_files_and_the_tls_policy() {
        Properties properties = PemSecurityManagerProvider.stackProperties(material, DEFAULTS);

        assertThat(properties).containsExactlyInAnyOrderEntriesOf(Map.of(
                "gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", "io.sipcall.sip.tls.PemSecurityManagerProvider",
                "io.sipcall.tls.certificate", dataDir.resolve("tls/sip-cert.pem").toAbsolutePath().toString(),
                "io.sipcall.tls.private-key", dataDir.resolve("tls/sip-key.pem").toAbsolutePath().toString(),
                "gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled",
                "gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2",
                "gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", TlsPolicy.MODERN_CIPHER_SUITES)));
    }

    @Test
    void stack_properties_refuse_tls11_naming_sip_tls_protocols() {
        TlsConfig legacy = new TlsConfig(Optional.empty(), Optional.empty(), List.of("TLSv1.2", "TLSv1.1"));

        assertThatThrownBy(() -> PemSecurityManagerProvider.stackProperties(material, legacy))
                .hasMessageStartingWith("sip.tls.protocols: 'TLSv1.1' is not allowed");
    }

    @Test
    void provider_initialised_from_stack_properties_serves_our_certificate_on_both_sides() throws Exception {
        PemSecurityManagerProvider provider = new PemSecurityManagerProvider();
        provider.init(PemSecurityManagerProvider.stackProperties(material, DEFAULTS));

        for (boolean client : new boolean[] {false, true}) {
            X509KeyManager keys = (X509KeyManager) provider.getKeyManagers(client)[0];
            String alias = keys.chooseServerAlias("EC", null, null);
            assertThat(keys.getCertificateChain(alias)).containsExactly(material.certificateChain().get(0));
        }
    }

    @Test
    void trust_managers_are_the_jdk_defaults_and_do_not_trust_a_self_signed_certificate() throws Exception {
        PemSecurityManagerProvider provider = new PemSecurityManagerProvider();
        provider.init(PemSecurityManagerProvider.stackProperties(material, DEFAULTS));
        X509Certificate[] selfSigned = material.certificateChain().toArray(X509Certificate[]::new);

        for (boolean client : new boolean[] {false, true}) {
            X509TrustManager trust = (X509TrustManager) provider.getTrustManagers(client)[0];
            assertThatThrownBy(() -> trust.checkServerTrusted(selfSigned, "ECDHE_ECDSA"))
                    .isInstanceOf(CertificateException.class);
        }
    }

    @Test
    void missing_certificate_property_is_named() {
        Properties properties = PemSecurityManagerProvider.stackProperties(material, DEFAULTS);
        properties.remove(PemSecurityManagerProvider.CERTIFICATE_PROPERTY);

        assertThatThrownBy(() -> new PemSecurityManagerProvider().init(properties))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageStartingWith("io.sipcall.tls.certificate: stack property is missing");
    }

    @Test
    void managers_are_absent_until_initialised_so_the_stack_skips_tls() {
        PemSecurityManagerProvider provider = new PemSecurityManagerProvider();

        assertThat(provider.getKeyManagers(false)).isNull();
        assertThat(provider.getTrustManagers(true)).isNull();
    }
}
