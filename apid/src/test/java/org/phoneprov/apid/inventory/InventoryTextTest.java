package org.phoneprov.apid.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.phoneprov.apid.http.Json;
import org.phoneprov.common.mac.Mac;

class InventoryTextTest {
    private static final String FILE = """
            # Lab phones: comments everywhere must survive an edit.
            devices:
              # the first one
              - mac: 00:14:7F:77:00:01
                model: ST2030S   # desk
                lines:
                  - {number: "1001", password: "a"}
              # the second one
              - mac: 00:14:7F:77:00:02
                model: ST2022S
              - {mac: "00:14:7F:77:00:03", model: ST2030M}
            # trailing comment
            """;

    private static ObjectNode device(String mac, String model) throws Exception {
        return Json.object(("{\"mac\":\"" + mac + "\",\"model\":\"" + model
                + "\",\"lines\":[{\"number\":\"2001\",\"display_name\":\"Room 2\"}]}").getBytes());
    }

    private static Mac mac(String s) {
        return Mac.parse(s).orElseThrow();
    }

    @Test
    void findsEveryEntryByMacWithItsValue() throws Exception {
        InventoryText t = InventoryText.parse(FILE);
        assertEquals(3, t.entries().size());
        assertEquals("ST2022S", t.find(mac("00147f770002")).orElseThrow().value().get("model").asText());
        assertEquals("1001", t.find(mac("00:14:7f:77:00:01")).orElseThrow().value().get("lines").get(0)
                .get("number").asText());
    }

    @Test
    void replacingOneEntryKeepsEveryOtherLineAndComment() throws Exception {
        InventoryText t = InventoryText.parse(FILE);
        String out = t.replace(t.find(mac("00:14:7F:77:00:01")).orElseThrow(), device("00:14:7F:77:00:01", "ST2022M"));
        assertTrue(out.startsWith("# Lab phones: comments everywhere must survive an edit.\ndevices:\n"
                + "  # the first one\n  - mac: \"00:14:7F:77:00:01\"\n    model: \"ST2022M\"\n"), out);
        assertTrue(out.contains("  # the second one\n  - mac: 00:14:7F:77:00:02\n    model: ST2022S\n"), out);
        assertTrue(out.endsWith("# trailing comment\n"), out);
        InventoryText again = InventoryText.parse(out);
        assertEquals(3, again.entries().size());
        assertEquals("Room 2", again.find(mac("00:14:7F:77:00:01")).orElseThrow().value().get("lines").get(0)
                .get("display_name").asText());
        assertEquals("ST2030M", again.find(mac("00:14:7F:77:00:03")).orElseThrow().value().get("model").asText());
    }

    @Test
    void removingAnEntryTakesOnlyItsLines() throws Exception {
        InventoryText t = InventoryText.parse(FILE);
        String out = t.remove(t.find(mac("00:14:7F:77:00:02")).orElseThrow());
        assertEquals(FILE.replace("  - mac: 00:14:7F:77:00:02\n    model: ST2022S\n", ""), out);
        String flow = t.remove(t.find(mac("00:14:7F:77:00:03")).orElseThrow());
        assertEquals(FILE.replace("  - {mac: \"00:14:7F:77:00:03\", model: ST2030M}\n", ""), flow);
    }

    @Test
    void appendingGoesAfterTheLastEntryAtItsIndent() throws Exception {
        InventoryText t = InventoryText.parse(FILE);
        String out = t.append(device("00:14:7F:77:00:09", "ST2030S"));
        assertTrue(out.contains("  - {mac: \"00:14:7F:77:00:03\", model: ST2030M}\n  - mac: \"00:14:7F:77:00:09\"\n"
                + "    model: \"ST2030S\"\n    lines:\n      - number: \"2001\"\n"), out);
        assertTrue(out.endsWith("# trailing comment\n"), out);
        assertEquals(4, InventoryText.parse(out).entries().size());
    }

    @Test
    void aFileWithoutAListOrWithAnEmptyFlowListGetsOne() throws Exception {
        String none = "suite: {address: 10.0.0.1}\n# no devices yet\n";
        String out = InventoryText.parse(none).append(device("00:14:7F:77:00:09", "ST2030S"));
        assertTrue(out.startsWith(none + "devices:\n  - mac: \"00:14:7F:77:00:09\"\n"), out);
        assertEquals(1, InventoryText.parse(out).entries().size());
        String empty = "devices: []  # none yet\n";
        String out2 = InventoryText.parse(empty).append(device("00:14:7F:77:00:09", "ST2030S"));
        assertEquals(1, InventoryText.parse(out2).entries().size(), out2);
        assertTrue(out2.contains("# none yet"), out2);
        InventoryText one = InventoryText.parse(out2);
        String gone = one.remove(one.entries().get(0));
        assertEquals(0, InventoryText.parse(gone).entries().size(), gone);
        assertTrue(gone.startsWith("devices: \n  []"), gone);
        String bare = "devices:\nsuite: {address: 10.0.0.1}\n";
        String out3 = InventoryText.parse(bare).append(device("00:14:7F:77:00:09", "ST2030S"));
        assertEquals(1, InventoryText.parse(out3).entries().size(), out3);
    }

    @Test
    void numbersThatAreStringsStayStrings() throws Exception {
        ObjectNode d = Json.object("{\"mac\":\"00:14:7F:77:00:09\",\"model\":\"ST2030S\",\"address\":\"10.0.0.9\",\"lines\":[{\"number\":\"0042\"}]}".getBytes());
        String out = InventoryText.parse(FILE).append(d);
        assertEquals("0042", InventoryText.parse(out).find(mac("00:14:7F:77:00:09")).orElseThrow().value()
                .get("lines").get(0).get("number").textValue());
    }

    @Test
    void brokenYamlIsRefusedNotGuessed() {
        assertThrows(InventoryText.Unreadable.class, () -> InventoryText.parse("devices: [\n"));
        assertThrows(InventoryText.Unreadable.class, () -> InventoryText.parse("devices: 3\n"));
        assertThrows(InventoryText.Unreadable.class, () -> InventoryText.parse("a: 1\na: 2\n"));
    }
}
