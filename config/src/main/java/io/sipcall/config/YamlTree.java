package io.sipcall.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into a tree of maps ({@link ObjectNode}), lists ({@link ArrayNode}),
 * text scalars and nulls.
 *
 * <p>Every scalar is kept as the text written in the file: YAML's own typing would turn the route
 * prefix {@code +1} into the number 1 and {@code on} into {@code true}. The binder converts text
 * to the type each key needs, and reports the key when it cannot.
 *
 * <p>Parse errors are reported with line and column but never with the parser's excerpt of the
 * offending line, which could contain a secret.
 */
final class YamlTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final YAMLFactory factory = new YAMLFactory();

    /** Reads a configuration file; the file's path is the key of every error about its syntax. */
    ObjectNode readFile(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new ConfigException(source, "the configuration file is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "the configuration file does not exist");
        } catch (IOException e) {
            throw new ConfigException(source, "the configuration file cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Reads a classpath resource relative to this package. */
    ObjectNode readResource(String name) {
        try (InputStream in = YamlTree.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ConfigException(name, "built-in resource missing from the classpath");
            }
            return read(in, name);
        } catch (IOException e) {
            throw new ConfigException(name, "built-in resource cannot be read", e);
        }
    }

    /** Reads YAML text; {@code source} names it in errors. */
    ObjectNode read(InputStream in, String source) throws IOException {
        try (JsonParser parser = factory.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return NODES.objectNode();
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(source, "the top level must be a mapping of keys to values");
            }
            ObjectNode root = readObject(parser, "");
            if (parser.nextToken() != null) {
                throw new ConfigException(source, "holds more than one YAML document; "
                        + "only one is allowed (remove the '---' separator)");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(source, e);
        }
    }

    private ObjectNode readObject(JsonParser parser, String key) throws IOException {
        ObjectNode node = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String childKey = Keys.child(key, name);
            if (node.has(name)) {
                throw new ConfigException(childKey, "appears twice in the same mapping (line "
                        + parser.currentLocation().getLineNr() + ")");
            }
            parser.nextToken();
            node.set(name, readValue(parser, childKey));
        }
        return node;
    }

    private ArrayNode readArray(JsonParser parser, String key) throws IOException {
        ArrayNode node = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            node.add(readValue(parser, Keys.index(key, node.size())));
        }
        return node;
    }

    private JsonNode readValue(JsonParser parser, String key) throws IOException {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new ConfigException(key, "YAML aliases (*name) are not supported; write the value out");
        }
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return readObject(parser, key);
            case START_ARRAY:
                return readArray(parser, key);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                return NODES.textNode(parser.getText());
        }
    }

    private static ConfigException malformed(String source, JsonProcessingException e) {
        // Built from the problem and its position only: the parser's own message quotes the
        // offending line, which may hold a secret. For the same reason the cause is not attached.
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            return new ConfigException(source, "malformed YAML at line " + (mark.getLine() + 1)
                    + ", column " + (mark.getColumn() + 1) + ": " + yaml.getProblem() + context);
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return new ConfigException(source, "malformed YAML" + where + ": " + e.getOriginalMessage());
    }
}
