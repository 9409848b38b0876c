package org.phoneprov.dhcpd.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.dhcpd.codec.DhcpMessage;
import org.phoneprov.dhcpd.codec.DhcpOptions;

class LoadBalanceHashTest {

    @Test
    void theMixingTableOfRfc3074Section6HoldsEachByteOnce() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < LoadBalanceHash.size(); i++) {
            seen.add(LoadBalanceHash.mix(i));
        }
        assertEquals(256, seen.size());
        assertEquals(251, LoadBalanceHash.mix(0), "the table starts 251, 175, 119 (RFC 3074 section 6)");
        assertEquals(151, LoadBalanceHash.mix(255), "and ends 234, 151");
    }

    @Test
    void theHashStartsFromTheLengthAndMixesFromTheLastByte() {
        // Worked by hand from the RFC's loadb_p_hash: hash = len; hash = T[hash ^ key[--i]] ...
        assertEquals(175, LoadBalanceHash.hash(new byte[] {0}), "T[1 ^ 0] = T[1] = 175");
        // Values computed outside this code (a Python transcription of the RFC's C function).
        assertEquals(135, LoadBalanceHash.hash(HexFormat.of().parseHex("001122334455")));
        assertEquals(17, LoadBalanceHash.hash(HexFormat.of().parseHex("00147f000001")));
        assertEquals(223, LoadBalanceHash.hash(HexFormat.of().parseHex("01001122334455")));
    }

    @Test
    void theClientIdentifierWinsOverTheHardwareAddressAsKeaDoes() {
        Mac mac = Mac.parse("00:11:22:33:44:55").orElseThrow();
        DhcpMessage plain = request(mac, DhcpOptions.builder());
        assertEquals(135, LoadBalanceHash.bucket(plain).orElseThrow());
        DhcpMessage withId = request(mac, DhcpOptions.builder().put(DhcpOption.CLIENT_ID.code(),
                HexFormat.of().parseHex("01001122334455")));
        assertEquals(223, LoadBalanceHash.bucket(withId).orElseThrow());
    }

    @Test
    void tenThousandPhonesSplitRoughlyInHalves() {
        int odd = 0;
        for (int i = 0; i < 10_000; i++) {
            Mac mac = Mac.parse(String.format("00:14:7f:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff))
                    .orElseThrow();
            odd += LoadBalanceHash.bucket(request(mac, DhcpOptions.builder())).orElseThrow() % 2;
        }
        assertTrue(odd > 4_500 && odd < 5_500, "primary/secondary split of 10,000 sequential MACs: " + odd);
    }

    static DhcpMessage request(Mac mac, DhcpOptions.Builder o) {
        o.putByte(DhcpOption.MESSAGE_TYPE.code(), MessageType.DISCOVER.code());
        return DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).mac(mac).xid(1).options(o.build()).build();
    }
}
