package org.phoneprov.phonesim.dhcp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.mac.Mac;

/**
 * A {@link DhcpTransport} answering from a function of the request, like the suite's
 * dhcpd would. Records every request it saw.
 */
public final class FakeDhcpServer implements DhcpTransport {
    public static final Inet4Address SERVER = ip("10.77.0.1");
    public static final Inet4Address PHONE = ip("10.77.0.100");

    /** A request as the fake reads it. */
    public record Request(int xid, int type, Mac mac, byte[] bytes, List<Integer> parameterList,
                          Optional<String> vendorClass, Optional<String> userClass,
                          Optional<Inet4Address> requested, Optional<Inet4Address> serverId) {
    }

    private final Function<Request, Optional<byte[]>> answer;
    public final List<Request> requests = new ArrayList<>();
    public final List<Duration> waits = new ArrayList<>();

    public FakeDhcpServer(Function<Request, Optional<byte[]>> answer) {
        this.answer = answer;
    }

    /** The suite's answer for an HTTP class: option 43 = the INF URL; VLAN options when asked for. */
    public static FakeDhcpServer http(String infUrl, Optional<int[]> vlan) {
        return new FakeDhcpServer(r -> Optional.of(reply(r, vlan).option(DhcpOption.VENDOR_SPECIFIC, infUrl).build()));
    }

    /** The suite's answer for a TFTP class: 66, 150, 67, siaddr and file. */
    public static FakeDhcpServer tftp(String infName) {
        return new FakeDhcpServer(r -> Optional.of(reply(r, Optional.empty()).siaddr(SERVER).file(infName)
                .option(DhcpOption.TFTP_SERVER_NAME, "10.77.0.1").option(DhcpOption.TFTP_SERVER_ADDRESS, SERVER)
                .option(DhcpOption.BOOTFILE_NAME, infName).build()));
    }

    /** OFFER to a DISCOVER, ACK to a REQUEST, from 10.77.0.1, leasing 10.77.0.100. */
    public static ReplyBuilder reply(Request r, Optional<int[]> vlan) {
        MessageType type = r.type() == MessageType.DISCOVER.code() ? MessageType.OFFER : MessageType.ACK;
        ReplyBuilder b = new ReplyBuilder(type, r.xid(), r.mac()).yiaddr(PHONE).option(DhcpOption.SERVER_ID, SERVER)
                .option(DhcpOption.SUBNET_MASK, ip("255.255.255.0"))
                .option(DhcpOption.LEASE_TIME, new byte[] {0, 0, 0x0e, 0x10});
        if (vlan.isPresent() && r.parameterList().contains(DhcpOption.VLAN_ENABLE.code())) {
            int[] v = vlan.get();
            b.option(DhcpOption.VLAN_ENABLE, (byte) v[0]).option(DhcpOption.VOICE_VLAN, (byte) (v[1] >> 8), (byte) v[1])
                    .option(DhcpOption.DATA_VLAN, (byte) (v[2] >> 8), (byte) v[2]);
        }
        return b;
    }

    @Override
    public Optional<byte[]> exchange(byte[] request, int xid, Duration timeout) {
        Request r = parse(request);
        requests.add(r);
        waits.add(timeout);
        return answer.apply(r);
    }

    @Override
    public void close() {
    }

    public static Request parse(byte[] b) {
        int xid = ((b[4] & 0xFF) << 24) | ((b[5] & 0xFF) << 16) | ((b[6] & 0xFF) << 8) | (b[7] & 0xFF);
        byte[] chaddr = new byte[6];
        System.arraycopy(b, 28, chaddr, 0, 6);
        int type = 0;
        List<Integer> prl = new ArrayList<>();
        Optional<String> o60 = Optional.empty();
        Optional<String> o77 = Optional.empty();
        Optional<Inet4Address> o50 = Optional.empty();
        Optional<Inet4Address> o54 = Optional.empty();
        int i = 240;
        while (i < b.length && (b[i] & 0xFF) != 255) {
            int code = b[i] & 0xFF;
            if (code == 0) {
                i++;
                continue;
            }
            int len = b[i + 1] & 0xFF;
            byte[] v = new byte[len];
            System.arraycopy(b, i + 2, v, 0, len);
            switch (code) {
                case 53 -> { }
                case 55 -> {
                    for (byte x : v) {
                        prl.add(x & 0xFF);
                    }
                }
                case 60 -> o60 = Optional.of(new String(v, StandardCharsets.US_ASCII));
                case 77 -> o77 = Optional.of(new String(v, StandardCharsets.US_ASCII));
                case 50 -> o50 = Optional.of(ip(v));
                case 54 -> o54 = Optional.of(ip(v));
                default -> { }
            }
            if (code == 53) {
                type = v[0];
            }
            i += 2 + len;
        }
        return new Request(xid, type, Mac.of(chaddr), b, prl, o60, o77, o50, o54);
    }

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static Inet4Address ip(byte[] b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
