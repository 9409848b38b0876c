package org.phoneprov.phonesim.net;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a DHCP relay agent does to the bytes (RFC 1542 4.1.1, RFC 3046, RFC 8357):
 * on the way to the server, {@code giaddr} and {@code hops}, plus option 82 with the
 * "Relay Source Port" sub-option so the server answers to our unprivileged port; on the
 * way back, option 82 is taken out again (RFC 3046 2.2). Plain functions over byte arrays.
 */
final class RelayAgentInfo {
    static final int OPTION = 82;
    /** RFC 8357 5.1: sub-option 19, length 0: "answer to the UDP source port of this message". */
    static final int RELAY_SOURCE_PORT = 19;
    /** RFC 1542 2.1: what a BOOTP message must be padded to, at least. */
    static final int MIN_MESSAGE = 300;
    /** RFC 1542 4.1.1: relays drop a request that has been relayed this often. */
    static final int MAX_HOPS = 16;

    static final int HOPS = 3;
    static final int GIADDR = 24;
    static final int COOKIE = 236;
    static final int OPTIONS = 240;
    private static final byte[] MAGIC = {99, (byte) 130, 83, 99};
    private static final int PAD = 0;
    private static final int END = 255;

    private RelayAgentInfo() {
    }

    /**
     * The request as the relay sends it on, or empty when it is not a BOOTREQUEST with the
     * DHCP cookie, its options run past its end, or it has made too many hops.
     */
    static Optional<byte[]> relayed(byte[] request, Inet4Address giaddr) {
        if (request.length < OPTIONS || request[0] != DhcpReplyRouter.BOOTREQUEST
                || !Arrays.equals(request, COOKIE, OPTIONS, MAGIC, 0, MAGIC.length)
                || (request[HOPS] & 0xFF) >= MAX_HOPS) {
            return Optional.empty();
        }
        int end = endOption(request);
        if (end < 0) {
            return Optional.empty();
        }
        byte[] out = new byte[Math.max(MIN_MESSAGE, end + 5)];
        System.arraycopy(request, 0, out, 0, end);
        out[HOPS]++;
        // A giaddr already set belongs to a relay before us (RFC 1542 4.1.1): keep it.
        if (request[GIADDR] == 0 && request[GIADDR + 1] == 0 && request[GIADDR + 2] == 0 && request[GIADDR + 3] == 0) {
            System.arraycopy(giaddr.getAddress(), 0, out, GIADDR, 4);
        }
        out[end] = (byte) OPTION;
        out[end + 1] = 2;
        out[end + 2] = (byte) RELAY_SOURCE_PORT;
        out[end + 3] = 0;
        out[end + 4] = (byte) END;
        return Optional.of(out);
    }

    /** The reply without option 82, as a relay hands it to the client; unchanged when it has none or is malformed. */
    static byte[] withoutRelayInfo(byte[] reply) {
        if (reply.length < OPTIONS || !Arrays.equals(reply, COOKIE, OPTIONS, MAGIC, 0, MAGIC.length)) {
            return reply;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(reply.length);
        out.write(reply, 0, OPTIONS);
        boolean removed = false;
        int i = OPTIONS;
        while (i < reply.length) {
            int code = reply[i] & 0xFF;
            if (code == PAD || code == END) {
                out.write(code);
                i++;
                if (code == END) {
                    break;
                }
                continue;
            }
            if (i + 1 >= reply.length || i + 2 + (reply[i + 1] & 0xFF) > reply.length) {
                return reply;
            }
            int next = i + 2 + (reply[i + 1] & 0xFF);
            if (code == OPTION) {
                removed = true;
            } else {
                out.write(reply, i, next - i);
            }
            i = next;
        }
        if (!removed) {
            return reply;
        }
        out.write(reply, i, reply.length - i);
        byte[] b = out.toByteArray();
        return b.length >= MIN_MESSAGE ? b : Arrays.copyOf(b, MIN_MESSAGE);
    }

    /** Index of the END option, or where it belongs when the message has none; -1 when an option overruns. */
    private static int endOption(byte[] m) {
        int i = OPTIONS;
        while (i < m.length) {
            int code = m[i] & 0xFF;
            if (code == END) {
                return i;
            }
            if (code == PAD) {
                i++;
                continue;
            }
            if (i + 1 >= m.length || i + 2 + (m[i + 1] & 0xFF) > m.length) {
                return -1;
            }
            i += 2 + (m[i + 1] & 0xFF);
        }
        return i;
    }
}
