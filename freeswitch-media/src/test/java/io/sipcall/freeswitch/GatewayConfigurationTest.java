package io.sipcall.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Janus gateway folder (../gateway): templates that use only what the entrypoint fills in, only
 * the SIP plugin and two transports installed, and the APIs on the private address with the Admin
 * API off.
 */
class GatewayConfigurationTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(JANUS_[A-Z0-9_]+)}");

    @Test
    void templates_use_only_variables_the_entrypoint_fills_in_and_the_readme_documents() {
        Set<String> filled = filledByEntrypoint();
        assertThat(filled).contains("JANUS_PUBLIC_IP", "JANUS_PRIVATE_IP");
        Set<String> used = new HashSet<>();
        for (Path template : templates()) {
            Matcher matcher = PLACEHOLDER.matcher(Repo.read(template));
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }
        assertThat(used).isEqualTo(filled);
        String readme = Repo.read(gateway().resolve("README.md"));
        filled.forEach(name -> assertThat(readme).as(name).contains("`" + name + "`"));
    }

    @Test
    void only_the_sip_plugin_and_the_http_and_websocket_transports_are_installed() {
        String dockerfile = Repo.read(gateway().resolve("Dockerfile"));
        Matcher linked = Pattern.compile("libjanus_[a-z]+\\.so").matcher(dockerfile);
        Set<String> modules = new HashSet<>();
        while (linked.find()) {
            modules.add(linked.group());
        }
        assertThat(modules).containsExactlyInAnyOrder("libjanus_sip.so", "libjanus_http.so", "libjanus_websockets.so");
        String core = Repo.read(gateway().resolve("janus.jcfg"));
        assertThat(core).contains("plugins_folder = \"/usr/lib/sipcall-janus/plugins\"")
                .contains("transports_folder = \"/usr/lib/sipcall-janus/transports\"");
    }

    @Test
    void the_apis_listen_on_the_private_address_and_the_admin_api_is_off() {
        String http = Repo.read(gateway().resolve("janus.transport.http.jcfg"));
        assertThat(http).contains("ip = \"${JANUS_PRIVATE_IP}\"").contains("admin_http = false")
                .contains("admin_https = false");
        String websockets = Repo.read(gateway().resolve("janus.transport.websockets.jcfg"));
        assertThat(websockets).contains("ws_ip = \"${JANUS_PRIVATE_IP}\"").contains("admin_ws = false")
                .contains("admin_wss = false");
        String sip = Repo.read(gateway().resolve("janus.plugin.sip.jcfg"));
        assertThat(sip).contains("local_ip = \"${JANUS_PRIVATE_IP}\"").contains("sips_certs_dir = ");
        assertThat(Repo.read(gateway().resolve("janus.jcfg"))).doesNotContain("admin_secret");
    }

    @Test
    void every_template_is_copied_into_the_image() {
        String dockerfile = Repo.read(gateway().resolve("Dockerfile"));
        for (Path template : templates()) {
            assertThat(dockerfile).contains(template.getFileName().toString());
        }
    }

    private static Path gateway() {
        return Repo.root().resolve("gateway");
    }

    private static List<Path> templates() {
        List<Path> templates = Repo.files(gateway()).stream().filter(p -> p.toString().endsWith(".jcfg")).toList();
        assertThat(templates).hasSize(4);
        return templates;
    }

    /** The variables of the entrypoint's envsubst list: vars='${A} ${B} ...'. */
    private static Set<String> filledByEntrypoint() {
        String entrypoint = Repo.read(gateway().resolve("docker-entrypoint.sh"));
        Matcher list = Pattern.compile("(?m)^vars='([^']*)'$").matcher(entrypoint);
        assertThat(list.find()).as("the envsubst variable list").isTrue();
        Matcher names = PLACEHOLDER.matcher(list.group(1));
        Set<String> filled = new HashSet<>();
        while (names.find()) {
            filled.add(names.group(1));
        }
        return filled;
    }
}
