package org.phoneprov.common.config.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Reads one YAML document into a {@link Node} tree with locations. */
public final class YamlTreeReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    /** A YAML syntax error or a duplicate key, with its location. */
    public static final class YamlError extends Exception {
        private final Location at;

        public YamlError(Location at, String message) {
            super(message);
            this.at = at;
        }

        public Location at() {
            return at;
        }
    }

    private YamlTreeReader() {
    }

    public static Node read(Path file) throws IOException, YamlError {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file, r);
        }
    }

    public static Node read(Path file, Reader reader) throws IOException, YamlError {
        try (JsonParser p = FACTORY.createParser(reader)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Node.MapNode(new Location(file, 1, 1), new LinkedHashMap<>());
            }
            return value(file, p, t);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            Location at = l == null ? new Location(file, 1, 1) : new Location(file, l.getLineNr(), l.getColumnNr());
            throw new YamlError(at, "YAML syntax error: " + e.getOriginalMessage());
        }
    }

    private static Location at(Path file, JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return new Location(file, l.getLineNr(), l.getColumnNr());
    }

    private static Node value(Path file, JsonParser p, JsonToken t) throws IOException, YamlError {
        Location at = at(file, p);
        switch (t) {
            case START_OBJECT: {
                LinkedHashMap<String, Node.MapNode.Entry> entries = new LinkedHashMap<>();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = at(file, p);
                    Node v = value(file, p, p.nextToken());
                    Node.MapNode.Entry previous = entries.get(key);
                    if (previous != null) {
                        throw new YamlError(keyAt, "duplicate key '" + key + "' (first written at line "
                                + previous.keyAt().line() + ")");
                    }
                    entries.put(key, new Node.MapNode.Entry(keyAt, v));
                }
                return new Node.MapNode(at, entries);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(value(file, p, t));
                }
                return new Node.ListNode(at, items);
            }
            case VALUE_STRING:
                return new Node.ScalarNode(at, p.getText(), Node.ScalarNode.Kind.STRING);
            case VALUE_NUMBER_INT:
                return new Node.ScalarNode(at, p.getText(), Node.ScalarNode.Kind.INTEGER);
            case VALUE_NUMBER_FLOAT:
                return new Node.ScalarNode(at, p.getText(), Node.ScalarNode.Kind.DECIMAL);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node.ScalarNode(at, p.getText(), Node.ScalarNode.Kind.BOOLEAN);
            case VALUE_NULL:
                return new Node.ScalarNode(at, "", Node.ScalarNode.Kind.NULL);
            default:
                throw new YamlError(at, "unsupported YAML value (" + t + ")");
        }
    }
}
