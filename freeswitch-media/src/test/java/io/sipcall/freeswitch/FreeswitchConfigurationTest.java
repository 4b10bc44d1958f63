package io.sipcall.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The FreeSWITCH configuration of conf/: well-formed, written for FreeSWITCH's line-based
 * preprocessor, loading only the modules a media anchor needs, with its control and SIP endpoints
 * private and closed, and a dialplan whose only destination is the B2BUA.
 */
class FreeswitchConfigurationTest {

    /** The modules a pure media anchor may load (README.md explains each). */
    private static final Set<String> ALLOWED_MODULES = Set.of("mod_console", "mod_logfile", "mod_event_socket",
            "mod_sofia", "mod_commands", "mod_dialplan_xml", "mod_dptools", "mod_sndfile", "mod_local_stream",
            "mod_tone_stream", "mod_opus", "mod_spandsp");

    /** Dialplan applications that set variables, bridge to the B2BUA, park, log or hang up; nothing that routes. */
    private static final Set<String> ALLOWED_APPLICATIONS = Set.of("set", "export", "bridge", "park", "log", "hangup");

    /** The only dial string the dialplan may bridge to. */
    private static final String B2BUA_DIAL_STRING = "sofia/sipcall/$${b2bua_uri}";

    /** Preprocessor variables FreeSWITCH computes itself before reading vars.xml. */
    private static final Set<String> BUILT_IN_VARIABLES = Set.of("local_ip_v4", "sounds_dir");

    private static final Pattern DIRECTIVE =
            Pattern.compile("^\\s*<X-PRE-PROCESS cmd=\"(set|env-set|include)\" data=\"([^\"]*)\"/>\\s*$");
    private static final Pattern VARIABLE_USE = Pattern.compile("\\$\\$\\{([^}]*)}");

    @Test
    void every_xml_file_is_well_formed() {
        List<Path> files = confFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        files.forEach(Repo::xml);
    }

    @Test
    void files_follow_the_preprocessor_line_rules() {
        for (Path file : confFiles()) {
            List<String> lines = Repo.lines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = file.getFileName() + ":" + (i + 1) + ": " + line.strip();
                if (line.toLowerCase().contains("x-pre-process")) {
                    assertThat(DIRECTIVE.matcher(line).matches()).as("a directive alone on its line, nowhere else: " + where)
                            .isTrue();
                }
                if (line.contains("<include>") || line.contains("</include>")) {
                    assertThat(line.strip()).as(where).isIn("<include>", "</include>");
                }
                if (i > 0) {
                    assertThat(line).as("only the first line may hold <?: " + where).doesNotContain("<?");
                }
                assertThat(line).as(where).doesNotContain("<!--#");
            }
            assertThat(lines.get(0)).as(file.toString()).isEqualTo("<?xml version=\"1.0\"?>");
        }
    }

    @Test
    void every_preprocessor_variable_is_defined_before_use() {
        Set<String> defined = new HashSet<>(BUILT_IN_VARIABLES);
        for (String line : Repo.lines(Repo.conf().resolve("vars.xml"))) {
            for (String name : uses(line)) {
                assertThat(defined).as("vars.xml uses " + name + " before setting it").contains(name);
            }
            Matcher directive = DIRECTIVE.matcher(line);
            if (directive.matches()) {
                defined.add(directive.group(2).substring(0, directive.group(2).indexOf('=')));
            }
        }
        for (Path file : confFiles()) {
            for (String line : Repo.lines(file)) {
                assertThat(uses(line)).as(file.getFileName() + ": " + line.strip()).isSubsetOf(defined);
                assertThat(line.replaceAll("\\$\\$\\{[a-z0-9_]+}", "")).as("unterminated or odd $${ in " + file)
                        .doesNotContain("$${");
            }
        }
    }

    @Test
    void variables_come_from_fs_environment_variables_that_the_readme_documents() {
        String readme = Repo.read(Repo.module().resolve("README.md"));
        Map<String, String> fromEnvironment = envSets();
        assertThat(fromEnvironment).isNotEmpty();
        fromEnvironment.forEach((variable, env) -> {
            assertThat(env).as(variable).matches("FS_[A-Z0-9_]+");
            assertThat(readme).as(env + " in README.md").contains("`" + env + "`");
        });
    }

    @Test
    void modules_conf_loads_only_the_allowed_modules() {
        Set<String> loaded = loadedModules();
        assertThat(loaded).isSubsetOf(ALLOWED_MODULES)
                .contains("mod_sofia", "mod_event_socket", "mod_dptools", "mod_dialplan_xml", "mod_commands",
                        "mod_local_stream", "mod_opus");
    }

    @Test
    void the_dockerfile_installs_exactly_the_packages_of_the_loaded_modules() {
        Matcher packages = Pattern.compile("\"freeswitch-(mod-[a-z0-9-]+)\\$v\"")
                .matcher(Repo.read(Repo.module().resolve("Dockerfile")));
        Set<String> installed = new HashSet<>();
        while (packages.find()) {
            installed.add(packages.group(1).replace('-', '_'));
        }
        assertThat(installed).isEqualTo(loadedModules());
    }

    @Test
    void the_event_socket_listens_on_a_private_address_from_the_environment() {
        Element settings = settings("autoload_configs/event_socket.conf.xml");
        assertThat(Repo.param(settings, "listen-ip")).isEqualTo("$${esl_ip}");
        assertThat(Repo.param(settings, "listen-port")).isEqualTo("$${esl_port}");
        assertThat(envSets()).containsEntry("esl_ip", "FS_ESL_IP").containsEntry("private_ip", "FS_PRIVATE_IP");
        assertThat(defaults()).containsEntry("esl_ip", "$${private_ip}").containsEntry("private_ip", "127.0.0.1");
        assertThat(Repo.param(settings, "nat-map")).isEqualTo("false");
        assertThat(denyByDefaultLists()).contains(Repo.param(settings, "apply-inbound-acl"));
    }

    @Test
    void the_event_socket_password_is_only_ever_read_from_the_environment() {
        Element settings = settings("autoload_configs/event_socket.conf.xml");
        assertThat(Repo.param(settings, "password")).isEqualTo("$${esl_password}");
        assertThat(envSets()).containsEntry("esl_password", "FS_ESL_PASSWORD");
        assertThat(defaults()).doesNotContainKey("esl_password");
        for (Path file : confFiles()) {
            assertThat(Repo.read(file)).as(file + " must not hold FreeSWITCH's factory password")
                    .doesNotContain("ClueCon");
        }
        String entrypoint = Repo.read(Repo.module().resolve("docker-entrypoint.sh"));
        assertThat(entrypoint).contains("FS_ESL_PASSWORD (or FS_ESL_PASSWORD_FILE) is required")
                .contains("!= \"ClueCon\"");
    }

    @Test
    void the_one_sip_profile_is_private_closed_and_anchors_media() {
        Document sofia = Repo.xml(Repo.conf().resolve("autoload_configs/sofia.conf.xml"));
        List<Element> profiles = Repo.elements(sofia, "profile");
        assertThat(profiles).hasSize(1);
        Element profile = profiles.get(0);
        assertThat(profile.getAttribute("name")).isEqualTo("sipcall");
        assertThat(Repo.elements(sofia, "gateway")).as("FreeSWITCH never registers anywhere").isEmpty();
        assertThat(Repo.param(profile, "sip-ip")).isEqualTo("$${private_ip}");
        assertThat(Repo.param(profile, "ext-rtp-ip")).isEqualTo("$${external_rtp_ip}");
        assertThat(envSets()).containsEntry("external_rtp_ip", "FS_EXTERNAL_RTP_IP");
        assertThat(denyByDefaultLists()).contains(Repo.param(profile, "apply-inbound-acl"));
        assertThat(Repo.param(profile, "auth-calls")).isEqualTo("false");
        assertThat(Repo.param(profile, "disable-register")).isEqualTo("true");
        assertThat(Repo.param(profile, "disable-transfer")).isEqualTo("true");
        assertThat(Repo.param(profile, "inbound-bypass-media")).isEqualTo("false");
        assertThat(Repo.param(profile, "inbound-proxy-media")).isEqualTo("false");
        assertThat(Repo.param(profile, "inbound-late-negotiation")).isEqualTo("true");
        assertThat(Repo.param(profile, "context")).isEqualTo("sipcall");
        assertThat(Repo.param(profile, "hold-music")).isEqualTo("$${hold_music}");
        assertThat(defaults()).containsEntry("codec_prefs", "OPUS,G722,PCMU,PCMA")
                .containsEntry("hold_music", "local_stream://moh");
    }

    @Test
    void hold_music_has_a_stream_for_every_codec_rate() {
        Document streams = Repo.xml(Repo.conf().resolve("autoload_configs/local_stream.conf.xml"));
        Set<String> names = Repo.elements(streams, "directory").stream().map(d -> d.getAttribute("name"))
                .collect(Collectors.toSet());
        assertThat(names).contains("moh/8000", "moh/16000", "moh/48000");
    }

    @Test
    void the_dialplan_only_ever_returns_to_the_b2bua() {
        Document dialplan = Repo.xml(Repo.conf().resolve("dialplan/sipcall.xml"));
        List<Element> actions = new ArrayList<>(Repo.elements(dialplan, "action"));
        actions.addAll(Repo.elements(dialplan, "anti-action"));
        Set<String> applications = actions.stream().map(a -> a.getAttribute("application")).collect(Collectors.toSet());
        assertThat(applications).isSubsetOf(ALLOWED_APPLICATIONS);
        List<String> bridges = actions.stream().filter(a -> a.getAttribute("application").equals("bridge"))
                .map(a -> a.getAttribute("data")).toList();
        assertThat(bridges).isNotEmpty().allMatch(B2BUA_DIAL_STRING::equals);
        assertThat(Repo.elements(dialplan, "context")).extracting(c -> c.getAttribute("name")).containsExactly("sipcall");
        assertThat(envSets()).containsEntry("b2bua_uri", "FS_B2BUA_URI");
    }

    @Test
    void the_hairpin_carries_the_call_id_back_and_names_both_legs() {
        Document dialplan = Repo.xml(Repo.conf().resolve("dialplan/sipcall.xml"));
        List<String> data = Repo.elements(dialplan, "action").stream().map(a -> a.getAttribute("data")).toList();
        assertThat(data).contains("nolocal:sip_h_X-SIPCall-Call-Id=${sip_h_X-SIPCall-Call-Id}",
                "sipcall_call_id=${sip_h_X-SIPCall-Call-Id}", "nolocal:sipcall_call_id=${sip_h_X-SIPCall-Call-Id}",
                "sipcall_leg=gateway", "nolocal:sipcall_leg=trunk",
                "rtp_secure_media_inbound=$${gateway_secure_media}",
                "nolocal:rtp_secure_media_outbound=${sipcall_trunk_secure_media}",
                "sip_copy_custom_headers=false", "inherit_codec=true");
    }

    @Test
    void only_a_well_formed_call_id_reaches_the_park_or_hairpin_extension() {
        Document dialplan = Repo.xml(Repo.conf().resolve("dialplan/sipcall.xml"));
        List<Element> extensions = Repo.elements(dialplan, "extension");
        assertThat(extensions).extracting(e -> e.getAttribute("name")).containsExactly("park", "hairpin", "refuse");
        for (Element extension : extensions.subList(0, 2)) {
            Element first = (Element) extension.getElementsByTagName("condition").item(0);
            assertThat(first.getAttribute("field")).isEqualTo("${sip_h_X-SIPCall-Call-Id}");
            assertThat(first.getAttribute("break")).as("a failed call id check ends the extension").isEmpty();
            Pattern callId = Pattern.compile(first.getAttribute("expression"));
            assertThat(callId.matcher("4f1c2a9be03d5a7c6e8f0a1b").matches()).isTrue();
            for (String bad : new String[] {"", "a,b", "a}b", "a{b", "a b", "x@evil.example", "a|b", "${x}"}) {
                assertThat(callId.matcher(bad).matches()).as(bad).isFalse();
            }
        }
    }

    private static List<Path> confFiles() {
        return Repo.files(Repo.conf()).stream().filter(p -> p.toString().endsWith(".xml")).toList();
    }

    private static List<String> uses(String line) {
        Matcher matcher = VARIABLE_USE.matcher(line);
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** vars.xml's {@code set} directives: variable to default value. */
    private static Map<String, String> defaults() {
        return directives("set");
    }

    /** vars.xml's {@code env-set} directives: variable to the environment variable it reads. */
    private static Map<String, String> envSets() {
        Map<String, String> result = new LinkedHashMap<>();
        directives("env-set").forEach((variable, value) -> {
            assertThat(value).as("env-set " + variable).startsWith("$");
            result.put(variable, value.substring(1));
        });
        return result;
    }

    private static Map<String, String> directives(String command) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : Repo.lines(Repo.conf().resolve("vars.xml"))) {
            Matcher directive = DIRECTIVE.matcher(line);
            if (directive.matches() && directive.group(1).equals(command)) {
                String data = directive.group(2);
                int eq = data.indexOf('=');
                assertThat(result.put(data.substring(0, eq), data.substring(eq + 1))).as(command + " " + data).isNull();
            }
        }
        return result;
    }

    private static Set<String> loadedModules() {
        Document modules = Repo.xml(Repo.conf().resolve("autoload_configs/modules.conf.xml"));
        List<String> loaded = Repo.elements(modules, "load").stream().map(e -> e.getAttribute("module")).toList();
        assertThat(loaded).doesNotHaveDuplicates();
        return new HashSet<>(loaded);
    }

    private static Set<String> denyByDefaultLists() {
        Document acl = Repo.xml(Repo.conf().resolve("autoload_configs/acl.conf.xml"));
        return Repo.elements(acl, "list").stream().filter(list -> list.getAttribute("default").equals("deny"))
                .map(list -> list.getAttribute("name")).collect(Collectors.toSet());
    }

    private static Element settings(String file) {
        return Repo.elements(Repo.xml(Repo.conf().resolve(file)), "settings").get(0);
    }
}
