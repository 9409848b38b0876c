package org.phoneprov.phonesim.net;

/** Minimal DHCP messages for transport tests: the fixed part, the cookie, and a few options. */
final class DhcpTestMessages {
    private DhcpTestMessages() {
    }

    /** A BOOTREQUEST (op 1) or BOOTREPLY (op 2) with {@code xid}, {@code yiaddr}'s last byte set, and {@code options} then END. */
    static byte[] message(int op, int xid, int yiaddrLast, byte... options) {
        byte[] m = new byte[240 + options.length + 1];
        m[0] = (byte) op;
        m[1] = 1;
        m[2] = 6;
        m[4] = (byte) (xid >> 24);
        m[5] = (byte) (xid >> 16);
        m[6] = (byte) (xid >> 8);
        m[7] = (byte) xid;
        m[16] = 10;
        m[19] = (byte) yiaddrLast;
        m[236] = 99;
        m[237] = (byte) 130;
        m[238] = 83;
        m[239] = 99;
        System.arraycopy(options, 0, m, 240, options.length);
        m[m.length - 1] = (byte) 255;
        return m;
    }

    /** Offset of the first option with {@code code}, or -1. */
    static int find(byte[] m, int code) {
        int i = 240;
        while (i < m.length) {
            int c = m[i] & 0xFF;
            if (c == code) {
                return i;
            }
            if (c == 255) {
                return -1;
            }
            i += c == 0 ? 1 : 2 + (m[i + 1] & 0xFF);
        }
        return -1;
    }
}
