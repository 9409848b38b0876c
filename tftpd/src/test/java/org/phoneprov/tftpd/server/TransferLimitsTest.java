package org.phoneprov.tftpd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TransferLimitsTest {
    @Test
    void capsInAllAndPerClient() throws Exception {
        TransferLimits l = new TransferLimits(3, 2);
        InetAddress a = InetAddress.getByName("10.77.0.2");
        InetAddress b = InetAddress.getByName("10.77.0.3");
        assertEquals(TransferLimits.Verdict.ADMITTED, l.acquire(a));
        assertEquals(TransferLimits.Verdict.ADMITTED, l.acquire(a));
        assertEquals(TransferLimits.Verdict.CLIENT_FULL, l.acquire(a));
        assertEquals(TransferLimits.Verdict.ADMITTED, l.acquire(b));
        assertEquals(TransferLimits.Verdict.SERVER_FULL, l.acquire(b));
        l.release(a);
        assertEquals(TransferLimits.Verdict.ADMITTED, l.acquire(b));
        assertEquals(3, l.running());
    }
}
