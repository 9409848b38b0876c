package org.phoneprov.common.config.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written. Jackson's own tree drops
 * locations, and a config error without FILE:LINE:COL does not tell the admin what
 * to change, so the loader reads into this tree instead.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {
    Location at();

    /** What the admin would call this kind of value, for "expected X, found Y". */
    String kindName();

    /** A mapping; keys in written order, each with the location of the key itself. */
    record MapNode(Location at, LinkedHashMap<String, Entry> entries) implements Node {
        public record Entry(Location keyAt, Node value) {
        }

        public Map<String, Entry> asMap() {
            return entries;
        }

        @Override
        public String kindName() {
            return "a mapping";
        }
    }

    record ListNode(Location at, List<Node> items) implements Node {
        @Override
        public String kindName() {
            return "a list";
        }
    }

    /** A scalar; {@code kind} keeps whether YAML saw a string, number, boolean or null. */
    record ScalarNode(Location at, String text, Kind kind) implements Node {
        public enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

        @Override
        public String kindName() {
            return switch (kind) {
                case STRING -> "a string";
                case INTEGER -> "an integer";
                case DECIMAL -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "nothing (null)";
            };
        }
    }
}
