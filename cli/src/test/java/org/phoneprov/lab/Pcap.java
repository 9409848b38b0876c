package org.phoneprov.lab;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the DHCPACKs out of a tcpdump capture (classic pcap, Ethernet): what the server promised on the wire. */
final class Pcap {
    private Pcap() {
    }

    /** One DHCPACK on the wire: the server's IP source address, the address given, the client MAC (colon form). */
    record Ack(int from, int yiaddr, String mac) {
    }

    /** yiaddr → client MAC (colon form) of every DHCPACK with an address; the last one per address. */
    static Map<Integer, String> acks(byte[] file) {
        Map<Integer, String> out = new LinkedHashMap<>();
        ackList(file).forEach(a -> out.put(a.yiaddr(), a.mac()));
        return out;
    }

    /** Every DHCPACK with an address, in capture order. */
    static java.util.List<Ack> ackList(byte[] file) {
        java.util.List<Ack> out = new java.util.ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file);
        int magic = b.getInt(0);
        b.order(magic == 0xa1b2c3d4 || magic == 0xa1b23c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int pos = 24;
        while (pos + 16 <= file.length) {
            int caplen = b.getInt(pos + 8);
            int start = pos + 16;
            pos = start + caplen;
            if (pos > file.length) {
                break;
            }
            int ip = start + 14;
            if (caplen < 14 + 20 + 8 + 240 || (file[ip] >> 4) != 4) {
                continue;
            }
            int dhcp = ip + (file[ip] & 0x0F) * 4 + 8;
            if (dhcp + 240 > start + caplen || file[dhcp] != 2) {
                continue;
            }
            int yiaddr = ByteBuffer.wrap(file, dhcp + 16, 4).order(ByteOrder.BIG_ENDIAN).getInt();
            StringBuilder mac = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                mac.append(i == 0 ? "" : ":").append(String.format("%02X", file[dhcp + 28 + i] & 0xFF));
            }
            int o = dhcp + 240;
            while (o + 1 < start + caplen && (file[o] & 0xFF) != 255) {
                int code = file[o] & 0xFF;
                if (code == 0) {
                    o++;
                    continue;
                }
                int len = file[o + 1] & 0xFF;
                if (code == 53 && len == 1 && file[o + 2] == 5 && yiaddr != 0) {
                    int from = ByteBuffer.wrap(file, ip + 12, 4).order(ByteOrder.BIG_ENDIAN).getInt();
                    out.add(new Ack(from, yiaddr, mac.toString()));
                }
                o += 2 + len;
            }
        }
        return out;
    }
}
