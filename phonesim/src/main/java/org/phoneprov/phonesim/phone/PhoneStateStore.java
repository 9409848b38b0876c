package org.phoneprov.phonesim.phone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A phone's flash: its {@link PhoneState} as one small JSON file per phone
 * ({@code ST2030S_00147F770001.json}) in a directory, so a second run of the simulator
 * starts where the first stopped. A save writes a temporary file and renames it over the
 * old one, so a crash leaves the old state or the new one, never half of either (the
 * seed asks the phone to be "robust to power failure during reboot and upgrading", 3.3).
 * {@link #memory()} keeps states in memory only, for tests and throw-away simulations.
 * Safe for many phones at once (one file each).
 */
public final class PhoneStateStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PhoneStateStore.class);
    private static final int FORMAT = 1;
    private final Optional<Path> dir;
    private final Map<String, PhoneState> memory = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PhoneStateStore(Optional<Path> dir) {
        this.dir = dir;
    }

    /** States kept as JSON files in {@code dir} (created when missing). */
    public static PhoneStateStore in(Path dir) {
        return new PhoneStateStore(Optional.of(dir));
    }

    /** States kept in memory only. */
    public static PhoneStateStore memory() {
        return new PhoneStateStore(Optional.empty());
    }

    public Optional<Path> directory() {
        return dir;
    }

    /** The file a phone's state lives in, when this store has a directory. */
    public Optional<Path> fileOf(PhoneIdentity id) {
        return dir.map(d -> d.resolve(id.model().filePrefix() + id.mac().hex() + ".json"));
    }

    /** The saved state, or the factory state for a phone never saved; an unreadable file is an error. */
    public PhoneState load(PhoneIdentity id) throws IOException {
        Optional<Path> file = fileOf(id);
        if (file.isEmpty()) {
            return memory.getOrDefault(key(id), PhoneState.factory());
        }
        if (!Files.exists(file.get())) {
            return PhoneState.factory();
        }
        try {
            return fromJson(json.readTree(file.get().toFile()));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file.get() + ": not a phone state file: " + e.getMessage(), e);
        }
    }

    /** @param note for the boot report: why the phone started from the factory state; "" when it did not */
    public record Loaded(PhoneState state, String note) {
    }

    /**
     * The saved state; a phone with unreadable flash starts as from the factory, and the
     * note (and the log) says so.
     */
    public Loaded loadOrFactory(PhoneIdentity id) {
        try {
            return new Loaded(load(id), "");
        } catch (IOException e) {
            LOG.warn("phone.state.unreadable phone={} error={}", id, e.getMessage());
            return new Loaded(PhoneState.factory(), "state unreadable, started from factory state: " + e.getMessage()
                    + "; ");
        }
    }

    /** Saves; "" or, when saving failed, the note for the boot report (logged too). */
    public String saveOrNote(PhoneIdentity id, PhoneState state) {
        try {
            save(id, state);
            return "";
        } catch (IOException e) {
            LOG.warn("phone.state.save_failed phone={} error={}", id, e.getMessage());
            return "state not saved: " + e.getMessage() + "; ";
        }
    }

    public void save(PhoneIdentity id, PhoneState state) throws IOException {
        Optional<Path> file = fileOf(id);
        if (file.isEmpty()) {
            memory.put(key(id), state);
            return;
        }
        org.phoneprov.phonesim.io.StateFile.replace(file.get(), json, toJson(state));
    }

    private static String key(PhoneIdentity id) {
        return id.model().filePrefix() + id.mac().hex();
    }

    ObjectNode toJson(PhoneState s) {
        ObjectNode n = json.createObjectNode();
        n.put("format", FORMAT);
        n.put("lastFirmware", s.lastFirmware());
        n.put("runningFirmware", s.runningFirmware());
        n.set("files", map(s.files()));
        n.put("configSn", s.configSn());
        n.set("telcfg", map(s.telcfg()));
        n.set("common", map(s.common()));
        n.set("mac", map(s.mac()));
        s.dhcpVlan().ifPresent(v -> {
            ObjectNode vn = n.putObject("dhcpVlan");
            vn.put("flag", v.flag());
            vn.put("voiceId", v.voiceId());
            vn.put("dataId", v.dataId());
        });
        return n;
    }

    static PhoneState fromJson(JsonNode n) throws IOException {
        if (!n.isObject() || n.path("format").asInt(-1) != FORMAT) {
            throw new IOException("expected a JSON object with \"format\": " + FORMAT);
        }
        JsonNode v = n.path("dhcpVlan");
        Optional<Vlan> vlan = v.isObject()
                ? Optional.of(new Vlan(v.path("flag").asInt(), v.path("voiceId").asInt(), v.path("dataId").asInt()))
                : Optional.empty();
        return new PhoneState(n.path("lastFirmware").asText(""), n.path("runningFirmware").asText(""),
                strings(n.path("files")), n.path("configSn").asText(""), strings(n.path("telcfg")),
                strings(n.path("common")), strings(n.path("mac")), vlan);
    }

    private ObjectNode map(Map<String, String> m) {
        ObjectNode o = json.createObjectNode();
        m.forEach(o::put);
        return o;
    }

    private static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
