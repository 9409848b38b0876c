package org.phoneprov.phonesim.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RelayAgentInfoTest {
    private static final byte[] DISCOVER = {53, 1, 1, 55, 2, 1, 3};

    private static Inet4Address relay() throws Exception {
        return (Inet4Address) InetAddress.getByName("10.77.0.2");
    }

    @Test
    void setsGiaddrHopsAndAppendsOption82BeforeEnd() throws Exception {
        byte[] in = DhcpTestMessages.message(1, 0x12345678, 0, DISCOVER);
        byte[] out = RelayAgentInfo.relayed(in, relay()).orElseThrow();
        assertEquals(RelayAgentInfo.MIN_MESSAGE, out.length);
        assertEquals(1, out[RelayAgentInfo.HOPS]);
        assertArrayEquals(relay().getAddress(), Arrays.copyOfRange(out, 24, 28));
        int at = DhcpTestMessages.find(out, 82);
        assertEquals(240 + DISCOVER.length, at);
        assertArrayEquals(new byte[] {82, 2, 19, 0, (byte) 255}, Arrays.copyOfRange(out, at, at + 5));
        assertArrayEquals(Arrays.copyOfRange(in, 0, 240 + DISCOVER.length),
                patchBack(Arrays.copyOfRange(out, 0, 240 + DISCOVER.length)));
    }

    /** The relayed message with giaddr and hops put back to what the phone sent. */
    private static byte[] patchBack(byte[] out) {
        out[RelayAgentInfo.HOPS] = 0;
        Arrays.fill(out, 24, 28, (byte) 0);
        return out;
    }

    @Test
    void keepsAnEarlierRelaysGiaddrAndALongMessagesLength() throws Exception {
        byte[] vendor = new byte[102];
        vendor[0] = 43;
        vendor[1] = 100;
        byte[] in = DhcpTestMessages.message(1, 1, 0, vendor);
        in[24] = 10;
        in[27] = 9;
        byte[] out = RelayAgentInfo.relayed(in, relay()).orElseThrow();
        assertEquals(10, out[24]);
        assertEquals(9, out[27]);
        assertEquals(342 + 5, out.length); // over 300 already: no padding, option 82 and END appended
        assertArrayEquals(new byte[] {82, 2, 19, 0, (byte) 255}, Arrays.copyOfRange(out, 342, 347));
    }

    @Test
    void refusesWhatIsNotARequest() throws Exception {
        assertTrue(RelayAgentInfo.relayed(DhcpTestMessages.message(2, 1, 0), relay()).isEmpty());
        assertTrue(RelayAgentInfo.relayed(new byte[100], relay()).isEmpty());
        byte[] overrun = DhcpTestMessages.message(1, 1, 0, new byte[] {43, 50});
        assertTrue(RelayAgentInfo.relayed(overrun, relay()).isEmpty());
        byte[] looped = DhcpTestMessages.message(1, 1, 0);
        looped[RelayAgentInfo.HOPS] = 16;
        assertTrue(RelayAgentInfo.relayed(looped, relay()).isEmpty());
    }

    @Test
    void takesOption82OutOfReplies() {
        byte[] reply = DhcpTestMessages.message(2, 1, 5, new byte[] {53, 1, 2, 82, 2, 19, 0, 54, 4, 10, 77, 0, 1});
        byte[] out = RelayAgentInfo.withoutRelayInfo(reply);
        assertEquals(-1, DhcpTestMessages.find(out, 82));
        assertEquals(240 + 3, DhcpTestMessages.find(out, 54));
        assertEquals(RelayAgentInfo.MIN_MESSAGE, out.length);
        byte[] plain = DhcpTestMessages.message(2, 1, 5, new byte[] {53, 1, 2});
        assertSame(plain, RelayAgentInfo.withoutRelayInfo(plain));
    }
}
