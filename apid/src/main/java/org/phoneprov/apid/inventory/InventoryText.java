package org.phoneprov.apid.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code devices:} list of one YAML file and where each entry is written in it, so one
 * entry can be replaced, removed or added while every other byte of the file, comments
 * included, stays as the admin wrote it. No YAML library round-trips comments reliably
 * (SnakeYAML's comment support loses some, Jackson drops them all), so the file is edited
 * as text at the places SnakeYAML's node marks give, and only the entry that changes is
 * written by a YAML emitter.
 */
public final class InventoryText {
    private static final YAMLMapper READ = new YAMLMapper(YAMLFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final YAMLMapper EMIT = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private final String text;
    private final List<Entry> entries;
    private final Shape shape;
    /** The list's node, when the file has one; for EMPTY the key {@code devices} itself. */
    private final Node list;

    /** How the file holds its list: {@code devices:} with nothing after it is EMPTY. */
    private enum Shape { BLOCK, FLOW, EMPTY, ABSENT }

    /**
     * One entry of the list.
     *
     * @param mac   its MAC; empty for an entry without one (an activation code)
     * @param value the entry as JSON, as the file has it
     * @param start where the entry's first key begins (after {@code "- "})
     * @param end   where its last value ends
     */
    public record Entry(Optional<Mac> mac, ObjectNode value, int start, int end, int column) {
    }

    /** The text is not YAML a config could be: the admin's file is broken, not the request. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message);
        }
    }

    private InventoryText(String text, List<Entry> entries, Shape shape, Node list) {
        this.text = text;
        this.entries = List.copyOf(entries);
        this.shape = shape;
        this.list = list;
    }

    public static InventoryText parse(String text) throws Unreadable {
        Node root;
        JsonNode json;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(options).compose(new StringReader(text));
            json = READ.readTree(text);
        } catch (YAMLException | IOException e) {
            throw new Unreadable("not readable YAML: " + e.getMessage());
        }
        if (root == null) {
            return new InventoryText(text, List.of(), Shape.ABSENT, null);
        }
        if (!(root instanceof MappingNode top) || !(json instanceof ObjectNode)) {
            throw new Unreadable("the file's top is not a mapping");
        }
        Optional<NodeTuple> key = top.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("devices")).findFirst();
        if (key.isEmpty()) {
            return new InventoryText(text, List.of(), Shape.ABSENT, null);
        }
        Optional<Node> devices = key.map(NodeTuple::getValueNode);
        if (devices.get() instanceof ScalarNode n && n.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL)) {
            return new InventoryText(text, List.of(), Shape.EMPTY, key.get().getKeyNode());
        }
        if (!(devices.get() instanceof SequenceNode seq) || !(json.get("devices") instanceof ArrayNode items)) {
            throw new Unreadable("devices: is not a list");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            if (!(items.get(i) instanceof ObjectNode value)) {
                throw new Unreadable("devices entry " + (i + 1) + " is not a mapping");
            }
            Optional<Mac> mac = value.hasNonNull("mac") ? Mac.parse(value.get("mac").asText()) : Optional.empty();
            entries.add(new Entry(mac, value, item.getStartMark().getIndex(), end(item),
                    item.getStartMark().getColumn()));
        }
        Shape shape = seq.getFlowStyle() == DumperOptions.FlowStyle.FLOW ? Shape.FLOW : Shape.BLOCK;
        return new InventoryText(text, entries, shape, seq);
    }

    public String text() {
        return text;
    }

    public List<Entry> entries() {
        return entries;
    }

    public Optional<Entry> find(Mac mac) {
        return entries.stream().filter(e -> e.mac().equals(Optional.of(mac))).findFirst();
    }

    /** The file with {@code e} written as {@code device}; checked as {@link #verified} says. */
    public String replace(Entry e, ObjectNode device) throws Unreadable {
        List<ObjectNode> want = values();
        want.set(entries.indexOf(e), device);
        return verified(rawReplace(e, device), want);
    }

    /** The file without {@code e}. */
    public String remove(Entry e) throws Unreadable {
        List<ObjectNode> want = values();
        want.remove(entries.indexOf(e));
        return verified(rawRemove(e), want);
    }

    /** The file with {@code device} after the last entry. */
    public String append(ObjectNode device) throws Unreadable {
        List<ObjectNode> want = values();
        want.add(device);
        return verified(rawAppend(device), want);
    }

    private List<ObjectNode> values() {
        List<ObjectNode> v = new ArrayList<>();
        entries.forEach(e -> v.add(e.value()));
        return v;
    }

    /**
     * An edit made as text is read back before anyone sees it: the list must hold exactly
     * the entries wanted, in order, and everything else of the file must read as before. A
     * file laid out in a way the text edit does not foresee (anchors, odd indentation, a
     * second document) is refused rather than written wrong.
     */
    private String verified(String out, List<ObjectNode> want) throws Unreadable {
        InventoryText again;
        try {
            again = parse(out);
        } catch (Unreadable e) {
            throw new Unreadable("cannot edit this file in place (the result would not read: " + e.getMessage()
                    + "); edit it by hand");
        }
        if (!again.values().equals(want) || !withoutDevices(out).equals(withoutDevices(text))) {
            throw new Unreadable("cannot edit this file in place (its layout would change what it says);"
                    + " edit it by hand");
        }
        return out;
    }

    private static JsonNode withoutDevices(String yaml) throws Unreadable {
        try {
            JsonNode n = READ.readTree(yaml);
            if (n instanceof ObjectNode o) {
                o.remove("devices");
                return o;
            }
            return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
        } catch (IOException e) {
            throw new Unreadable("not readable YAML: " + e.getMessage());
        }
    }

    /** The file with {@code e} written as {@code device}, as text. */
    private String rawReplace(Entry e, ObjectNode device) {
        if (shape == Shape.FLOW) {
            return rewriteList(e, device);
        }
        return text.substring(0, e.start()) + block(device, e.column()) + text.substring(e.end());
    }

    /** The file without {@code e}: its lines go, the lines around it stay. */
    private String rawRemove(Entry e) throws Unreadable {
        if (shape == Shape.FLOW) {
            return rewriteList(e, null);
        }
        int to = text.indexOf('\n', e.end());
        if (entries.size() == 1) {
            // The last one: an empty list, not a key with nothing after it.
            int from = list.getStartMark().getIndex();
            return text.substring(0, from) + "[]" + (to < 0 ? "" : text.substring(to));
        }
        int from = text.lastIndexOf('\n', dashOf(e)) + 1;
        return text.substring(0, from) + (to < 0 ? "" : text.substring(to + 1));
    }

    /** The file with {@code device} after the last entry (or a new {@code devices:} list at its end). */
    private String rawAppend(ObjectNode device) throws Unreadable {
        if (shape == Shape.BLOCK && !entries.isEmpty()) {
            Entry last = entries.get(entries.size() - 1);
            int dash = dashOf(last);
            int dashColumn = dash - (text.lastIndexOf('\n', dash) + 1);
            int lineEnd = text.indexOf('\n', last.end());
            int at = lineEnd < 0 ? text.length() : lineEnd;
            String item = "\n" + " ".repeat(dashColumn) + "- " + block(device, dashColumn + 2);
            return text.substring(0, at) + item + text.substring(at);
        }
        if (shape == Shape.FLOW) {
            return rewriteList(null, device);
        }
        if (shape == Shape.EMPTY) {
            int at = text.indexOf(':', list.getEndMark().getIndex()) + 1;
            return text.substring(0, at) + "\n  - " + block(device, 4) + text.substring(at);
        }
        String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
        return text + sep + "devices:\n  - " + block(device, 4) + "\n";
    }

    /**
     * Where the {@code -} of a block entry is: only blanks between it and the entry, and only
     * blanks before it on its line. Anything else ({@code - &anchor}, {@code - !tag}, two
     * entries on a line) is a layout a text edit would get wrong.
     */
    private int dashOf(Entry e) throws Unreadable {
        int i = e.start() - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        int lineStart = text.lastIndexOf('\n', Math.max(i, 0)) + 1;
        if (i < 0 || text.charAt(i) != '-' || !text.substring(lineStart, i).isBlank()) {
            throw new Unreadable("cannot edit this file in place (a device entry that does not start its own"
                    + " '- ' line); edit it by hand");
        }
        return i;
    }

    /**
     * A flow list ({@code devices: [ ... ]}, usually {@code []}) is rewritten whole, as a block
     * list on the lines after its key; comments inside the brackets do not survive this.
     */
    private String rewriteList(Entry changed, ObjectNode replacement) {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries) {
            ObjectNode v = e == changed ? replacement : e.value();
            if (v != null) {
                b.append("\n  - ").append(block(v, 4));
            }
        }
        if (changed == null && replacement != null) {
            b.append("\n  - ").append(block(replacement, 4));
        }
        int start = list.getStartMark().getIndex();
        int end = list.getEndMark().getIndex();
        String body = b.length() == 0 ? "[]" : b.toString();
        return text.substring(0, start) + body + text.substring(end);
    }

    /** {@code device} as a block mapping whose first line goes where the cursor is and the rest at {@code column}. */
    static String block(ObjectNode device, int column) {
        String yaml;
        try {
            yaml = EMIT.writeValueAsString(device);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON object always has YAML", e);
        }
        String[] lines = yaml.strip().split("\n");
        StringBuilder b = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            b.append('\n').append(" ".repeat(column)).append(lines[i]);
        }
        return b.toString();
    }

    /** Where a node's last written character is: a block collection ends where its last value does. */
    private static int end(Node n) {
        if (n instanceof MappingNode m && m.getFlowStyle() == DumperOptions.FlowStyle.BLOCK && !m.getValue().isEmpty()) {
            return end(m.getValue().get(m.getValue().size() - 1).getValueNode());
        }
        if (n instanceof SequenceNode s && s.getFlowStyle() == DumperOptions.FlowStyle.BLOCK && !s.getValue().isEmpty()) {
            return end(s.getValue().get(s.getValue().size() - 1));
        }
        return n.getEndMark().getIndex();
    }
}
