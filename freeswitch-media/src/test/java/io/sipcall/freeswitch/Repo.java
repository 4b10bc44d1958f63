package io.sipcall.freeswitch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The repository's files as the tests see them: this module's folder, its parent, and small readers. */
final class Repo {

    private Repo() {
    }

    /** This module's folder (surefire runs the tests there and names it in {@code basedir}). */
    static Path module() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("conf/freeswitch.xml"))) {
            throw new IllegalStateException(dir + " is not the freeswitch-media module folder");
        }
        return dir;
    }

    /** The repository root. */
    static Path root() {
        return module().getParent();
    }

    /** FreeSWITCH's configuration folder, {@code freeswitch-media/conf}. */
    static Path conf() {
        return module().resolve("conf");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        return read(file).lines().toList();
    }

    /** Every regular file under {@code dir}, except Maven's {@code target} folder, sorted. */
    static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> !dir.relativize(path).startsWith("target"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses an XML file with the JDK's parser, as is: FreeSWITCH's {@code $${...}} preprocessor
     * variables are plain text to it. DOCTYPEs are refused (none of our files has one).
     */
    static Document xml(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new AssertionError(file + " is not well-formed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every element named {@code tag} in the document, in document order. */
    static List<Element> elements(Document document, String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<Element> result = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    /** The value of the {@code <param name="NAME" value="..."/>} directly inside {@code parent}. */
    static String param(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName("param");
        String found = null;
        for (int i = 0; i < nodes.getLength(); i++) {
            Element param = (Element) nodes.item(i);
            if (param.getAttribute("name").equals(name)) {
                if (found != null) {
                    throw new AssertionError("param " + name + " is set twice");
                }
                found = param.getAttribute("value");
            }
        }
        if (found == null) {
            throw new AssertionError("param " + name + " is not set");
        }
        return found;
    }
}
