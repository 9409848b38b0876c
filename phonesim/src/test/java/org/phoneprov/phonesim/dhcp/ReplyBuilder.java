package org.phoneprov.phonesim.dhcp;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.mac.Mac;

/** Builds BOOTREPLY bytes for tests, as a DHCP server would send them. */
public final class ReplyBuilder {
    private int op = 2;
    private final int type;
    private final int xid;
    private final Mac mac;
    private byte[] yiaddr = new byte[4];
    private byte[] siaddr = new byte[4];
    private String file = "";
    private boolean cookie = true;
    private final Map<Integer, byte[]> options = new LinkedHashMap<>();

    public ReplyBuilder(MessageType type, int xid, Mac mac) {
        this.type = type.code();
        this.xid = xid;
        this.mac = mac;
    }

    public ReplyBuilder op(int v) {
        op = v;
        return this;
    }

    public ReplyBuilder yiaddr(Inet4Address a) {
        yiaddr = a.getAddress();
        return this;
    }

    public ReplyBuilder siaddr(Inet4Address a) {
        siaddr = a.getAddress();
        return this;
    }

    public ReplyBuilder file(String f) {
        file = f;
        return this;
    }

    public ReplyBuilder noCookie() {
        cookie = false;
        return this;
    }

    public ReplyBuilder option(DhcpOption option, byte... value) {
        options.put(option.code(), value);
        return this;
    }

    public ReplyBuilder option(DhcpOption option, String text) {
        return option(option, text.getBytes(StandardCharsets.US_ASCII));
    }

    public ReplyBuilder option(DhcpOption option, Inet4Address a) {
        return option(option, a.getAddress());
    }

    public byte[] build() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(DhcpOption.MESSAGE_TYPE.code());
        o.write(1);
        o.write(type);
        options.forEach((code, v) -> {
            o.write(code);
            o.write(v.length);
            o.writeBytes(v);
        });
        o.write(DhcpOption.END.code());
        ByteBuffer b = ByteBuffer.allocate(Math.max(300, 240 + o.size()));
        b.put((byte) op).put((byte) 1).put((byte) 6).put((byte) 0).putInt(xid);
        b.position(16);
        b.put(yiaddr).put(siaddr);
        b.position(28);
        b.put(mac.bytes());
        b.position(108);
        b.put(file.getBytes(StandardCharsets.US_ASCII));
        b.position(236);
        if (cookie) {
            b.put(new byte[] {99, (byte) 130, 83, 99});
        } else {
            b.put(new byte[4]);
        }
        b.put(o.toByteArray());
        return b.array();
    }
}
