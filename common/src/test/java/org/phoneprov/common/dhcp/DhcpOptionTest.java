package org.phoneprov.common.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DhcpOptionTest {

    @Test
    void knownCodesAreTheConstants() {
        assertSame(DhcpOption.SUBNET_MASK, DhcpOption.valueOf(1));
        assertSame(DhcpOption.TFTP_SERVER_ADDRESS, DhcpOption.valueOf(150));
        assertSame(DhcpOption.VOICE_VLAN, DhcpOption.valueOf(191));
        assertEquals(67, DhcpOption.BOOTFILE_NAME.code());
        assertTrue(DhcpOption.END.isKnown());
    }

    @Test
    void namesForLogs() {
        assertEquals("SUBNET_MASK", DhcpOption.SUBNET_MASK.name());
        assertEquals("TFTP_SERVER_ADDRESS", DhcpOption.valueOf(150).name());
        assertEquals("VENDOR_CLASS", DhcpOption.valueOf(60).name());
        assertEquals("END", DhcpOption.valueOf(255).name());
        assertEquals("DATA_VLAN", DhcpOption.valueOf(192).toString());
        assertEquals("OPTION_200", DhcpOption.valueOf(200).name());
    }

    @Test
    void unknownCodesPass() {
        DhcpOption o = DhcpOption.valueOf(200);
        assertEquals(200, o.code());
        assertFalse(o.isKnown());
        assertEquals(o, DhcpOption.valueOf(200));
        assertEquals(o.hashCode(), DhcpOption.valueOf(200).hashCode());
        assertNotEquals(o, DhcpOption.valueOf(201));
        assertFalse(o.isServerWritten());
    }

    @Test
    void codeOutsideAByteIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> DhcpOption.valueOf(-1));
        assertThrows(IllegalArgumentException.class, () -> DhcpOption.valueOf(256));
    }

    /** dhcpd's ServerWrittenOptionsTest holds this set to what its replies really carry. */
    @Test
    void serverWrittenCodes() {
        Set<Integer> codes = DhcpOption.serverWritten().stream().map(DhcpOption::code).collect(Collectors.toSet());
        assertEquals(Set.of(50, 51, 52, 53, 54, 55, 57, 58, 59, 61, 82), codes);
        assertTrue(DhcpOption.LEASE_TIME.isServerWritten());
        assertFalse(DhcpOption.VENDOR_SPECIFIC.isServerWritten());
        assertFalse(DhcpOption.MESSAGE.isServerWritten(), "56: the server writes it only in a NAK, which has no class options");
    }
}
