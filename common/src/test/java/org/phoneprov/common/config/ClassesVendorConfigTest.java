package org.phoneprov.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/** {@code match.vendor} of a class, and the errors of {@code match.models} and {@code match.vendor}. */
class ClassesVendorConfigTest {
    static final Mac GIGASET_MAC = Mac.parse("7C:2F:80:00:00:01").orElseThrow();

    @TempDir
    Path dir;

    LoadResult load(String classes) throws Exception {
        return ConfigLoader.load(TestConfigs.write(dir, TestConfigs.MINIMAL + classes));
    }

    static String all(LoadResult r) {
        return String.join("\n", r.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void aGigasetClassLoads() throws Exception {
        LoadResult r = load("""
                classes:
                  gigaset:
                    match: {vendor: Gigaset}
                    dhcp: {provision: http}
                  n510:
                    match: {models: [N510], vendor: gigaset}
                  by-oui:
                    match: {oui: ["7C:2F:80", "58:9E:C6", "00:21:04"]}
                """);
        assertTrue(r.isOk(), all(r));
        DeviceClass g = r.config().orElseThrow().classes().get("gigaset");
        assertEquals(Optional.of(Model.Vendor.GIGASET), g.vendor(), "written in any case");
        assertEquals(DhcpClassOptions.Provision.HTTP, g.dhcp().provision());
        assertEquals(List.of(0x7C2F80, 0x589EC6, 0x002104), r.config().orElseThrow().classes().get("by-oui").ouis());
        assertEquals(Optional.empty(), r.config().orElseThrow().classes().get("by-oui").vendor());
    }

    @Test
    void atTemplateTimeTheInventoryModelGivesTheVendor() throws Exception {
        DeviceClass g = load("""
                classes:
                  gigaset:
                    match: {vendor: gigaset}
                """).config().orElseThrow().classes().get("gigaset");
        assertTrue(g.matches(Model.N720, GIGASET_MAC));
        assertTrue(g.matches(Model.C470, Mac.parse("02:00:00:00:00:01").orElseThrow()), "the model decides, not the OUI");
        assertFalse(g.matches(Model.ST2030S, GIGASET_MAC), "the inventory's word wins over the OUI");
        assertFalse(g.matchesVendor(Optional.empty()), "a class with a vendor never takes an unknown maker");
        assertTrue(g.matchesVendor(Optional.of(Model.Vendor.GIGASET)));
    }

    @Test
    void errorsAreLocatedAndListWhatIsKnown() throws Exception {
        LoadResult r = load("""
                classes:
                  a:
                    match: {models: [N999]}
                  b:
                    match: {vendor: snom}
                  c:
                    match: {models: [ST2030S, N510], vendor: gigaset}
                  d:
                    match: {vendor: [gigaset]}
                """);
        String all = all(r);
        Path cfg = dir.resolve("phoneprov.yaml");
        assertTrue(all.contains(cfg + ":10:21: classes.a.match.models: unknown model 'N999'; known: "
                + "ST2030S, ST2030M, ST2022S, ST2022M, N510, N720, C470, C590"), all);
        assertTrue(all.contains(cfg + ":12:21: classes.b.match.vendor: 'snom' is not one of thomson, gigaset"), all);
        assertTrue(all.contains(cfg + ":14:46: classes.c.match.vendor: model ST2030S is not a gigaset phone: this class "
                + "never matches it; remove one of the two"), all);
        assertFalse(all.contains("model N510 is not"), all);
        assertTrue(all.contains("classes.d.match.vendor: expected a string"), all);
        assertEquals(4, r.problems().size(), all);
    }
}
