package org.phoneprov.apid.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.phoneprov.apid.http.Json;
import org.phoneprov.apid.inventory.InventoryText;

/**
 * Any inventory file an admin may have written, and any edit of it: {@link InventoryText}
 * either refuses ({@link InventoryText.Unreadable}, a 409 for the API) or gives a file that
 * reads back with exactly the entries wanted. Nothing else may come out of it: no other
 * exception, no edit that changes what the rest of the file says.
 *
 * <p>Regression inputs: {@code src/test/resources/org/phoneprov/apid/fuzz/InventoryEditFuzzTestInputs/edit/}.
 * Fuzzing: {@code fuzz/run.sh 10 inventory-edit}.
 */
class InventoryEditFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void edit(FuzzedDataProvider data) throws Exception {
        int what = data.consumeInt(0, 2);
        String key = data.consumeString(12);
        String value = data.consumeString(24);
        String text = data.consumeRemainingAsString();
        InventoryText t;
        try {
            t = InventoryText.parse(text);
        } catch (InventoryText.Unreadable e) {
            return;
        }
        ObjectNode device = Json.newObject();
        device.put("mac", "00:14:7F:77:00:99");
        device.put("model", "ST2030S");
        if (!key.isEmpty() && !key.equals("mac")) {
            device.put(key, value);
        }
        int before = t.entries().size();
        try {
            String out;
            int expected;
            if (what == 0 || before == 0) {
                out = t.append(device);
                expected = before + 1;
            } else if (what == 1) {
                out = t.replace(t.entries().get(0), device);
                expected = before;
            } else {
                out = t.remove(t.entries().get(before - 1));
                expected = before - 1;
            }
            assertEquals(expected, InventoryText.parse(out).entries().size());
        } catch (InventoryText.Unreadable refused) {
            // refused whole: the file stays as it is
        }
    }
}
