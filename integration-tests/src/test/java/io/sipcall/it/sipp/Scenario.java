package io.sipcall.it.sipp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scenario file from {@code sipp/} on the test classpath: its text, its role, its placeholders. */
record Scenario(String name, String text, Sipp.Role role) {

    static final String RESOURCE_ROOT = "/sipp/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)}}");
    private static final Pattern FIRST_MESSAGE = Pattern.compile("<(send|recv)\\b");
    private static final Pattern XML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    static Scenario load(String name) {
        Objects.requireNonNull(name, "scenario");
        try (InputStream in = Scenario.class.getResourceAsStream(RESOURCE_ROOT + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no SIPp scenario on the classpath at " + RESOURCE_ROOT + name);
            }
            // SIPp scenarios are ISO-8859-1 (their XML declaration says so); keep every byte as it is.
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return new Scenario(name, text, roleOf(name, text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + name, e);
        }
    }

    String fileName() {
        return Path.of(name).getFileName().toString();
    }

    /** The text with every {@code {{name}}} filled; fails on a missing or unused parameter. */
    String render(Map<String, String> params) {
        Set<String> wanted = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String param = m.group(1);
            wanted.add(param);
            String value = params.get(param);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(params.keySet());
        Set<String> unused = new TreeSet<>(params.keySet());
        unused.removeAll(wanted);
        if (!missing.isEmpty() || !unused.isEmpty()) {
            throw new IllegalStateException(name + ": template parameters missing " + missing
                    + ", not used by the scenario " + unused);
        }
        return out.toString();
    }

    /** A scenario that sends first places calls; one that receives first answers them. */
    private static Sipp.Role roleOf(String name, String text) {
        Matcher m = FIRST_MESSAGE.matcher(XML_COMMENT.matcher(text).replaceAll(""));
        if (!m.find()) {
            throw new IllegalArgumentException(name + " has no <send> or <recv>");
        }
        return m.group(1).equals("send") ? Sipp.Role.CLIENT : Sipp.Role.SERVER;
    }
}
