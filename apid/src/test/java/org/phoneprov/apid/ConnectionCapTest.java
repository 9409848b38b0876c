package org.phoneprov.apid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionCapTest {

    @Test
    void theConnectionPastTheCapIsClosedAndAClosedOneFreesItsPlace() {
        ConnectionCap cap = new ConnectionCap();
        List<EmbeddedChannel> held = new ArrayList<>();
        for (int i = 0; i < ConnectionCap.MAX; i++) {
            EmbeddedChannel ch = new EmbeddedChannel(cap);
            assertTrue(ch.isOpen(), "connection " + i + " is under the cap");
            held.add(ch);
        }
        EmbeddedChannel over = new EmbeddedChannel(cap);
        assertFalse(over.isOpen(), "the connection past the cap is closed at accept");
        assertEquals(ConnectionCap.MAX, cap.open(), "a refused connection does not keep a place");

        held.get(0).close();
        EmbeddedChannel again = new EmbeddedChannel(cap);
        assertTrue(again.isOpen(), "a closed connection frees its place");
        assertEquals(ConnectionCap.MAX, cap.open());
    }
}
