package org.phoneprov.phonesim.cwmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CPE's {@link CwmpState} as one JSON file ({@code cwmp-7C2F80E00001.json}), written to a
 * temporary file and renamed over the old one like the phone's own state
 * ({@code phone.PhoneStateStore}), so a crash leaves one whole state. Values, attributes,
 * objects and the next instance numbers are kept, so AddObject does not reuse an instance
 * number after a restart (A.3.2.6). Without a directory, nothing is kept.
 */
final class CwmpStateStore {
    private static final int FORMAT = 1;
    private final Optional<Path> file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    CwmpStateStore(Optional<Path> file) {
        this.file = file;
    }

    /** The saved state in this model, or empty when none was saved (or it is for the other root). */
    Optional<CwmpState> load(DataModel model) throws IOException {
        if (file.isEmpty() || !Files.exists(file.get())) {
            return Optional.empty();
        }
        JsonNode n;
        try {
            n = json.readTree(file.get().toFile());
        } catch (IOException e) {
            throw new IOException(file.get() + ": not a CWMP state file: " + e.getMessage(), e);
        }
        if (n.path("format").asInt(-1) != FORMAT || !model.root().path().equals(n.path("root").asText())) {
            return Optional.empty();
        }
        ParameterTree t = ParameterTree.empty(model);
        t.values.clear();
        t.objects.clear();
        n.path("values").fields().forEachRemaining(e -> t.values.put(e.getKey(), e.getValue().asText()));
        n.path("objects").forEach(o -> t.objects.add(o.asText()));
        n.path("next").fields().forEachRemaining(e -> t.nextInstance.put(e.getKey(), e.getValue().asInt()));
        n.path("attributes").fields().forEachRemaining(e -> {
            List<String> access = new ArrayList<>();
            e.getValue().path("accessList").forEach(a -> access.add(a.asText()));
            t.attributes.put(e.getKey(), new ParameterTree.Attributes(e.getValue().path("notification").asInt(),
                    access));
        });
        List<CwmpEvent> pending = new ArrayList<>();
        n.path("pending").forEach(e -> pending.add(new CwmpEvent(e.path("code").asText(), e.path("commandKey")
                .asText())));
        JsonNode tr = n.path("transfer");
        Optional<CwmpSession.Transfer> transfer = tr.isObject() ? Optional.of(new CwmpSession.Transfer(
                tr.path("commandKey").asText(), tr.path("faultCode").asInt(), tr.path("faultString").asText(),
                tr.path("startTime").asText(), tr.path("completeTime").asText())) : Optional.empty();
        return Optional.of(new CwmpState(t, n.path("bootstrapped").asBoolean(), pending, transfer));
    }

    void save(CwmpState s) throws IOException {
        if (file.isEmpty()) {
            return;
        }
        ObjectNode n = json.createObjectNode();
        n.put("format", FORMAT);
        n.put("root", s.tree().root());
        n.put("bootstrapped", s.bootstrapped());
        ObjectNode values = n.putObject("values");
        s.tree().values.forEach(values::put);
        ArrayNode objects = n.putArray("objects");
        s.tree().objects.forEach(objects::add);
        ObjectNode next = n.putObject("next");
        s.tree().nextInstance.forEach(next::put);
        ObjectNode attrs = n.putObject("attributes");
        s.tree().attributes.forEach((name, a) -> {
            ObjectNode o = attrs.putObject(name);
            o.put("notification", a.notification());
            ArrayNode al = o.putArray("accessList");
            a.accessList().forEach(al::add);
        });
        ArrayNode pending = n.putArray("pending");
        s.pending().forEach(e -> pending.addObject().put("code", e.code()).put("commandKey", e.commandKey()));
        s.transfer().ifPresent(t -> n.putObject("transfer").put("commandKey", t.commandKey())
                .put("faultCode", t.faultCode()).put("faultString", t.faultString()).put("startTime", t.startTime())
                .put("completeTime", t.completeTime()));
        org.phoneprov.phonesim.io.StateFile.replace(file.get(), json, n);
    }
}
