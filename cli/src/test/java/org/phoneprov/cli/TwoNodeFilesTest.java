package org.phoneprov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.provision.ProvisioningSnapshot;
import org.phoneprov.common.provision.Transport;

/**
 * Issue 14, item 3: the two nodes of a pair load one config (only {@code this_node} differs), so
 * they serve the same files: the same names (hashed ones included), bytes and config_sn, whichever
 * node a phone fetches from. Rendering is a pure function of the config and the catalog; this
 * keeps it one.
 */
class TwoNodeFilesTest {
    @TempDir
    Path dir;

    ProvisioningSnapshot node(String folder, String self) throws Exception {
        Path d = dir.resolve(folder);
        copy(Path.of("..", "examples", "office"), d);
        Files.writeString(d.resolve("ha.secret"), "0123456789abcdef0123456789abcdef\n");
        Path cfg = d.resolve("phoneprov.yaml");
        String ha = "  ha:\n    mode: load-balancing\n    this_node: " + self + "\n    secret_file: ha.secret\n"
                + "    peers:\n      - {name: dhcp-a, address: 192.0.2.3, role: primary}\n"
                + "      - {name: dhcp-b, address: 192.0.2.4, role: secondary}\n";
        String text = Files.readString(cfg);
        int at = text.indexOf("\ndhcpd:\n") + "\ndhcpd:\n".length();
        Files.writeString(cfg, text.substring(0, at) + ha + text.substring(at));
        Loaded.Outcome o = Loaded.load(cfg, Optional.empty());
        return assertInstanceOf(Loaded.Ok.class, o, o.toString()).snapshot();
    }

    static void copy(Path from, Path to) throws Exception {
        try (var w = Files.walk(from)) {
            for (Path p : w.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    static Map<String, byte[]> files(ProvisioningSnapshot s) {
        Map<String, byte[]> out = new TreeMap<>();
        for (Transport t : Transport.values()) {
            s.shared(t).forEach((name, g) -> out.put(t + " " + name, g.bytes()));
        }
        s.macConfigs().forEach((name, g) -> out.put("mac " + name, g.bytes()));
        return out;
    }

    @Test
    void bothNodesOfAPairServeTheSameNamesAndBytes() throws Exception {
        ProvisioningSnapshot a = node("a", "dhcp-a");
        ProvisioningSnapshot b = node("b", "dhcp-b");
        Map<String, byte[]> fa = files(a);
        Map<String, byte[]> fb = files(b);
        assertFalse(fa.isEmpty());
        assertEquals(fa.keySet(), fb.keySet(), "the same file names, hashed ones included");
        fa.forEach((name, bytes) -> assertArrayEquals(bytes, fb.get(name), name));
        a.macConfigs().forEach((key, g) -> assertEquals(g.etag(), b.macConfigs().get(key).etag(),
                "the same ETag for " + g.name()));
        assertEquals(a.config().dhcp().ha().orElseThrow().partner().name(), "dhcp-b");
        assertEquals(b.config().dhcp().ha().orElseThrow().partner().name(), "dhcp-a");
    }
}
