package org.phoneprov.apid.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.apid.http.Json;
import org.phoneprov.common.config.PathsConfig;
import org.phoneprov.common.mac.Mac;

/**
 * Where the devices are written: the config's own {@code devices:} and the file its
 * {@code inventory:} names. Read fresh from disk for every call, so an admin's edit by
 * hand is seen and never overwritten by a stale copy.
 */
public final class DeviceFiles {
    private final Path config;
    private final Optional<Path> inventory;

    /** One entry and the file text it was found in. */
    public record Located(Path file, InventoryText text, InventoryText.Entry entry) {
        public String etag() {
            return DeviceFiles.etag(entry.value());
        }
    }

    public DeviceFiles(Path config, PathsConfig paths) {
        this.config = config.toAbsolutePath().normalize();
        this.inventory = paths.inventory();
    }

    /** The file new devices go to: the inventory file when there is one, else the config. */
    public Path newDevicesFile() {
        return inventory.orElse(config);
    }

    /** Every file that may hold devices, with its parsed text. */
    public Map<Path, InventoryText> read() throws IOException, InventoryText.Unreadable {
        Map<Path, InventoryText> out = new LinkedHashMap<>();
        out.put(config, parse(config));
        if (inventory.isPresent()) {
            out.put(inventory.get(), Files.exists(inventory.get()) ? parse(inventory.get()) : InventoryText.parse(""));
        }
        return out;
    }

    public Optional<Located> find(Mac mac) throws IOException, InventoryText.Unreadable {
        for (Map.Entry<Path, InventoryText> f : read().entrySet()) {
            Optional<InventoryText.Entry> e = f.getValue().find(mac);
            if (e.isPresent()) {
                return Optional.of(new Located(f.getKey(), f.getValue(), e.get()));
            }
        }
        return Optional.empty();
    }

    /** Every device entry with a MAC, in file order. */
    public List<Located> all() throws IOException, InventoryText.Unreadable {
        List<Located> out = new ArrayList<>();
        for (Map.Entry<Path, InventoryText> f : read().entrySet()) {
            for (InventoryText.Entry e : f.getValue().entries()) {
                if (e.mac().isPresent()) {
                    out.add(new Located(f.getKey(), f.getValue(), e));
                }
            }
        }
        return out;
    }

    private static InventoryText parse(Path file) throws IOException, InventoryText.Unreadable {
        try {
            return InventoryText.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (InventoryText.Unreadable e) {
            throw new InventoryText.Unreadable(file + ": " + e.getMessage());
        }
    }

    /** A strong entity tag of an entry as written: it changes exactly when the entry does. */
    public static String etag(ObjectNode value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Json.bytes(value));
            return "\"" + java.util.HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
