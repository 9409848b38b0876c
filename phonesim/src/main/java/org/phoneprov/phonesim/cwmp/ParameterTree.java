package org.phoneprov.phonesim.cwmp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A CPE's parameters as TR-069 Amendment 6 A.3.2 reads and changes them: concrete names
 * ({@code Device.Services.VoiceService.1.VoiceProfile.1.Line.1.Enable}) with values, each with
 * its attributes (Notification, AccessList), and the objects, multi-instance ones with instance
 * numbers that AddObject hands out and never reuses (A.3.2.6: "the CPE MUST NOT reuse an
 * instance number" while the CPE keeps its state). Which names exist and may be written is the
 * {@link DataModel}'s. Not thread-safe: one CPE session changes it at a time.
 */
public final class ParameterTree {
    /** GetParameterNames' ParameterInfoStruct. */
    public record Info(String name, boolean writable) {
    }

    /** GetParameterValues' ParameterValueStruct. */
    public record Value(String name, String value, ParamType type) {
    }

    /** GetParameterAttributes' ParameterAttributeStruct: Notification 0 off, 1 passive, 2 active. */
    public record Attributes(int notification, List<String> accessList) {
        public static final Attributes DEFAULT = new Attributes(0, List.of());

        public Attributes {
            accessList = List.copyOf(accessList);
        }
    }

    private final DataModel model;
    final TreeMap<String, String> values = new TreeMap<>();
    final TreeSet<String> objects = new TreeSet<>();
    final Map<String, Attributes> attributes = new HashMap<>();
    final Map<String, Integer> nextInstance = new HashMap<>();

    private ParameterTree(DataModel model) {
        this.model = model;
    }

    /** The model's objects with their single-instance children; every table empty. */
    public static ParameterTree empty(DataModel model) {
        ParameterTree t = new ParameterTree(model);
        t.create(model.root().path(), "");
        return t;
    }

    public DataModel model() {
        return model;
    }

    public String root() {
        return model.root().path();
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Sets a value as the device itself does (no access check, no ParameterKey). */
    public void put(String name, String value) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        values.put(name, value);
    }

    public boolean isObject(String name) {
        return objects.contains(name);
    }

    public Attributes attributes(String name) {
        return attributes.getOrDefault(name, Attributes.DEFAULT);
    }

    NodeDef def(String name) {
        return model.of(name).orElseThrow(() -> new IllegalStateException("no definition for " + name));
    }

    /** A.3.2.3 GetParameterNames. */
    public List<Info> names(String path, boolean nextLevel) throws CwmpFault {
        if (path.isEmpty()) {
            if (nextLevel) {
                return List.of(new Info(root(), false));
            }
            path = root();
        }
        if (values.containsKey(path)) {
            if (nextLevel) {
                // A.3.2.3 (Amendment 4 on): a full parameter name with NextLevel true is invalid
                throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "NextLevel true with a parameter name: " + path);
            }
            return List.of(new Info(path, def(path).writable()));
        }
        if (!objects.contains(path)) {
            throw new CwmpFault(CwmpFault.INVALID_PARAMETER_NAME, "no such object or parameter: " + path);
        }
        List<Info> out = new ArrayList<>();
        if (!nextLevel) {
            out.add(new Info(path, objectWritable(path)));
        }
        for (String name : below(path)) {
            if (!nextLevel || child(path, name)) {
                out.add(new Info(name, objects.contains(name) ? objectWritable(name) : def(name).writable()));
            }
        }
        return out;
    }

    /** A.3.2.2 GetParameterValues: full names and partial paths (ending with a dot), in order. */
    public List<Value> values(List<String> names) throws CwmpFault {
        Map<String, Value> out = new LinkedHashMap<>();
        for (String n : names) {
            for (String p : params(n)) {
                NodeDef d = def(p);
                out.put(p, new Value(p, d.hidden() ? "" : values.get(p), d.type()));
            }
        }
        return List.copyOf(out.values());
    }

    /** A.3.2.5 GetParameterAttributes. */
    public Map<String, Attributes> attributes(List<String> names) throws CwmpFault {
        Map<String, Attributes> out = new LinkedHashMap<>();
        for (String n : names) {
            for (String p : params(n)) {
                out.put(p, attributes(p));
            }
        }
        return out;
    }

    /** The parameters a name stands for: itself, or every one below a partial path; "" is the root. */
    List<String> params(String name) throws CwmpFault {
        String n = name.isEmpty() ? root() : name;
        if (values.containsKey(n)) {
            return List.of(n);
        }
        if (!n.endsWith(".") || !objects.contains(n)) {
            throw new CwmpFault(CwmpFault.INVALID_PARAMETER_NAME, "no such parameter or object: " + name);
        }
        return below(n).stream().filter(values::containsKey).toList();
    }

    /** A.3.2.6 AddObject: the new instance's number. */
    public int addObject(String table, String parameterKey) throws CwmpFault {
        NodeDef d = tableDef(table).orElseThrow(() -> new CwmpFault(CwmpFault.INVALID_PARAMETER_NAME,
                "not a multi-instance object: " + table));
        if (!d.writable()) {
            throw new CwmpFault(CwmpFault.REQUEST_DENIED, "instances of " + table + " cannot be added");
        }
        int n = addInstance(table);
        values.put(root() + "ManagementServer.ParameterKey", parameterKey);
        return n;
    }

    /** A.3.2.7 DeleteObject: the instance and everything below it. */
    public void deleteObject(String instance, String parameterKey) throws CwmpFault {
        String table = tableOf(instance).orElseThrow(() -> new CwmpFault(CwmpFault.INVALID_PARAMETER_NAME,
                "not an object instance: " + instance));
        if (!objects.contains(instance)) {
            throw new CwmpFault(CwmpFault.INVALID_PARAMETER_NAME, "no such object instance: " + instance);
        }
        if (!tableDef(table).orElseThrow().writable()) {
            throw new CwmpFault(CwmpFault.REQUEST_DENIED, "instances of " + table + " cannot be deleted");
        }
        for (String name : below(instance)) {
            values.remove(name);
            objects.remove(name);
            attributes.remove(name);
        }
        objects.remove(instance);
        recount(table);
        values.put(root() + "ManagementServer.ParameterKey", parameterKey);
    }

    /** A new instance of a table, its parameters at their defaults; as the device creates one. */
    public int addInstance(String table) {
        int n = nextInstance.getOrDefault(table, 1);
        nextInstance.put(table, n + 1);
        String instance = table + n + ".";
        create(instance, DataModel.template(instance.substring(root().length())));
        recount(table);
        return n;
    }

    private Optional<NodeDef> tableDef(String table) {
        if (!table.endsWith(".") || !objects.contains(table)) {
            return Optional.empty();
        }
        return model.of(table + "{i}.").filter(NodeDef::table);
    }

    /** {@code X.Line.3.} → {@code X.Line.}, when that is a table. */
    private Optional<String> tableOf(String instance) {
        if (!instance.endsWith(".")) {
            return Optional.empty();
        }
        String bare = instance.substring(0, instance.length() - 1);
        int dot = bare.lastIndexOf('.');
        if (dot < 0 || !bare.substring(dot + 1).chars().allMatch(Character::isDigit) || dot == bare.length() - 1) {
            return Optional.empty();
        }
        String table = bare.substring(0, dot + 1);
        return tableDef(table).map(d -> table);
    }

    private boolean objectWritable(String object) {
        return tableDef(object).map(NodeDef::writable).or(() -> tableOf(object)
                .flatMap(this::tableDef).map(NodeDef::writable)).orElse(false);
    }

    /** The object and its single-instance descendants, each table below it empty. */
    private void create(String object, String template) {
        objects.add(object);
        for (NodeDef d : model.all()) {
            if (!d.name().startsWith(template) || d.name().equals(template)) {
                continue;
            }
            String rest = d.name().substring(template.length());
            if (!d.object() && !rest.contains(".")) {
                values.put(object + rest, d.defaultValue());
            } else if (d.object() && rest.indexOf('.') == rest.length() - 1) {
                create(object + rest, d.name());
            } else if (d.table() && rest.equals(rest.substring(0, rest.indexOf('.')) + ".{i}.")) {
                objects.add(object + rest.substring(0, rest.indexOf('.') + 1));
                recount(object + rest.substring(0, rest.indexOf('.') + 1));
            }
        }
    }

    /** Sets the table's numEntriesParameter (TR-106 A.2.2.1) in its parent object. */
    private void recount(String table) {
        Optional<NodeDef> d = model.of(table + "{i}.");
        if (d.isEmpty() || d.get().entries().isEmpty()) {
            return;
        }
        long count = below(table).stream().filter(n -> objects.contains(n) && child(table, n)).count();
        String parent = table.substring(0, table.lastIndexOf('.', table.length() - 2) + 1);
        String counter = parent + d.get().entries().get();
        if (values.containsKey(counter)) {
            values.put(counter, Long.toString(count));
        }
    }

    /** Every object and parameter name strictly below {@code object}, in name order. */
    List<String> below(String object) {
        Set<String> all = new TreeSet<>();
        all.addAll(values.subMap(object, false, object + Character.MAX_VALUE, false).keySet());
        all.addAll(objects.subSet(object, false, object + Character.MAX_VALUE, false));
        return List.copyOf(all);
    }

    private static boolean child(String object, String name) {
        String rest = name.substring(object.length());
        int dot = rest.indexOf('.');
        return dot < 0 || dot == rest.length() - 1;
    }
}
