package org.phoneprov.dhcpd.options;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestOrderTest {
    static LinkedHashMap<Integer, byte[]> options(int... codes) {
        LinkedHashMap<Integer, byte[]> m = new LinkedHashMap<>();
        for (int c : codes) {
            m.put(c, new byte[] {(byte) c});
        }
        return m;
    }

    static List<Integer> order(LinkedHashMap<Integer, byte[]> m, Integer... prl) {
        return List.copyOf(RequestOrder.apply(m, Arrays.asList(prl)).keySet());
    }

    @Test
    void requestedFirstInTheirOrderThenTheRestAsAssembled() {
        assertEquals(List.of(67, 43, 51, 6, 200), order(options(51, 6, 43, 67, 200), 67, 43));
    }

    @Test
    void duplicatesNullsAndUnassembledCodesInOption55AreIgnored() {
        assertEquals(List.of(6, 51), order(options(51, 6), 6, null, 6, 252, 0, 255));
    }

    @Test
    void noOption55KeepsTheAssembledOrder() {
        assertEquals(List.of(51, 1, 3), order(options(51, 1, 3)));
    }

    @Test
    void maskMovesJustBeforeRouter() {
        assertEquals(List.of(6, 1, 3, 51), order(options(51, 1, 3, 6), 6, 3, 1));
        assertEquals(List.of(1, 6, 3), order(options(1, 3, 6), 1, 6, 3), "already first: untouched");
        assertEquals(List.of(3, 51), order(options(51, 3), 3), "no mask, nothing to move");
    }

    @Test
    void valuesTravelWithTheirCodes() {
        LinkedHashMap<Integer, byte[]> out = RequestOrder.apply(options(1, 3, 6), List.of(3, 6, 1));
        out.forEach((code, value) -> assertEquals(code.byteValue(), value[0]));
    }
}
