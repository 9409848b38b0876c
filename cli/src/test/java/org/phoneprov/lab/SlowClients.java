package org.phoneprov.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Misbehaving HTTP clients for {@link SlowClientLabIT}, run as its own process inside a lab
 * namespace ({@code ip netns exec NS java -cp TEST_CLASSES org.phoneprov.lab.SlowClients}).
 * One thread and one selector hold every connection, so hundreds cost next to nothing.
 *
 * <pre>
 * SlowClients SERVER:PORT MAX_SECONDS GROUP...      GROUP = ADDRESS:IDLE:DRIP[:KEPT]
 * </pre>
 * Groups are opened in order from their source address, 300 ms apart: IDLE connections
 * send nothing, DRIP ones send a request one byte a second (it never completes), KEPT ones
 * fetch one file and then stay silent on the kept-alive connection (a power-cycled phone).
 * Prints {@code READY n} once every connect has been answered, then waits until the server
 * has closed every connection (or MAX_SECONDS), and prints one line per connection:
 * {@code CONN address kind connect_ms end_ms response_ms sent end}, times from the start,
 * -1 for none; end is eof, reset, failed (no connect) or open (still open at MAX_SECONDS).
 */
public final class SlowClients {
    private static final byte[] DRIP = ("GET /ST2030S.inf HTTP/1.1\r\nHost: " + LabNet.SERVER_IP
            + "\r\nX-Slow: " + "a".repeat(400)).getBytes(StandardCharsets.US_ASCII);

    enum Kind { IDLE, DRIP, KEPT }

    static final class Conn {
        final String from;
        final Kind kind;
        final SocketChannel ch;
        long connectMs = -1;
        long endMs = -1;
        long responseMs = -1;
        long nextDripMs = Long.MAX_VALUE;
        int sent;
        String end = "open";

        Conn(String from, Kind kind, SocketChannel ch) {
            this.from = from;
            this.kind = kind;
            this.ch = ch;
        }
    }

    private final long start = System.nanoTime();
    private final Selector selector;
    private final List<Conn> all = new ArrayList<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(16384);

    private SlowClients() throws IOException {
        selector = Selector.open();
    }

    private long ms() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    public static void main(String[] args) throws Exception {
        String[] server = args[0].split(":");
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(server[0]), Integer.parseInt(server[1]));
        long maxMs = Long.parseLong(args[1]) * 1000;
        new SlowClients().run(to, maxMs, List.of(args).subList(2, args.length));
    }

    private void run(InetSocketAddress to, long maxMs, List<String> groups) throws IOException {
        for (String g : groups) {
            String[] f = g.split(":");
            int[] n = {Integer.parseInt(f[1]), Integer.parseInt(f[2]), f.length > 3 ? Integer.parseInt(f[3]) : 0};
            for (int i = 0; i < Math.max(n[0], Math.max(n[1], n[2])); i++) {
                for (Kind k : Kind.values()) {
                    if (i < n[k.ordinal()]) {
                        open(f[0], k, to); // kinds alternate, so a cap cuts across them alike
                    }
                }
            }
            long until = ms() + 300;
            while (ms() < until) {
                loop(Math.max(1, until - ms()));
            }
        }
        while (all.stream().anyMatch(c -> c.connectMs < 0 && c.endMs < 0) && ms() < maxMs) {
            loop(50);
        }
        System.out.println("READY " + all.size());
        System.out.flush();
        while (ms() < maxMs && all.stream().anyMatch(c -> c.endMs < 0)) {
            loop(100);
        }
        StringBuilder out = new StringBuilder();
        for (Conn c : all) {
            out.append("CONN ").append(c.from).append(' ').append(c.kind.name().toLowerCase()).append(' ')
                    .append(c.connectMs).append(' ').append(c.endMs).append(' ').append(c.responseMs).append(' ')
                    .append(c.sent).append(' ').append(c.end).append('\n');
        }
        System.out.print(out);
        System.out.println("DONE " + ms());
        System.out.flush();
    }

    private void open(String from, Kind kind, InetSocketAddress to) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        Conn c = new Conn(from, kind, ch);
        all.add(c);
        if (ch.connect(to)) {
            connected(c);
        } else {
            ch.register(selector, SelectionKey.OP_CONNECT, c);
        }
    }

    private void connected(Conn c) throws IOException {
        c.connectMs = ms();
        c.ch.register(selector, SelectionKey.OP_READ, c);
        if (c.kind == Kind.DRIP) {
            send(c, DRIP, 0, 1);
            c.nextDripMs = c.connectMs + 1000;
        } else if (c.kind == Kind.KEPT) {
            byte[] get = ("GET /ST2030S.inf HTTP/1.1\r\nHost: " + LabNet.SERVER_IP + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            send(c, get, 0, get.length);
        }
    }

    /** Waits for socket events at most {@code waitMs} (and 100 ms), then sends the drip bytes that are due. */
    private void loop(long waitMs) throws IOException {
        selector.select(Math.min(waitMs, 100));
        for (SelectionKey k : selector.selectedKeys()) {
            Conn c = (Conn) k.attachment();
            try {
                if (k.isConnectable()) {
                    if (c.ch.finishConnect()) {
                        connected(c);
                    }
                } else if (k.isReadable()) {
                    scratch.clear();
                    int n = c.ch.read(scratch);
                    if (n < 0) {
                        ended(c, "eof");
                    } else if (n > 0 && c.responseMs < 0) {
                        c.responseMs = ms();
                    }
                }
            } catch (IOException e) {
                if (c.connectMs < 0 && String.valueOf(e.getMessage()).contains("reset")) {
                    c.connectMs = ms(); // accepted by the kernel, reset by the server before we looked
                }
                ended(c, c.connectMs < 0 ? "failed" : "reset");
            }
        }
        selector.selectedKeys().clear();
        long now = ms();
        for (Conn c : all) {
            if (c.nextDripMs <= now && c.endMs < 0) {
                send(c, DRIP, c.sent % DRIP.length, 1);
                c.nextDripMs += 1000;
            }
        }
    }

    private void send(Conn c, byte[] bytes, int from, int n) {
        try {
            c.sent += c.ch.write(ByteBuffer.wrap(bytes, from, n));
        } catch (IOException e) {
            ended(c, "reset");
        }
    }

    private void ended(Conn c, String how) {
        if (c.endMs >= 0) {
            return;
        }
        c.endMs = ms();
        c.end = how;
        try {
            c.ch.close();
        } catch (IOException e) {
            // closing a dead socket: nothing to learn
        }
    }
}
