package org.phoneprov.phonesim.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lock-step TFTP sender for tests, serving one file from its own transfer port, with
 * switches for the misbehaviours a client must cope with.
 */
final class FakeTftpServer implements AutoCloseable {
    /** How the server behaves. {@code oackBlksize} 0 ignores the client's options. */
    record Script(byte[] file, int oackBlksize, boolean notFound, boolean silent, boolean refuseOptionsOnce,
                  int stopAfterBlock, boolean strayPacket, boolean dropFirstAck) {
        static Script serving(byte[] file, int oackBlksize) {
            return new Script(file, oackBlksize, false, false, false, -1, false, false);
        }
    }

    /** One RRQ as received. */
    record Request(String name, String mode, Map<String, String> options) {
    }

    private final DatagramSocket listen;
    private final Script script;
    private final Thread thread;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger strayAnswers = new AtomicInteger();
    final List<Integer> strayErrorCodes = new CopyOnWriteArrayList<>();
    final AtomicInteger acksReceived = new AtomicInteger();
    volatile Throwable failure;

    FakeTftpServer(Script script) throws IOException {
        this.listen = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.script = script;
        this.thread = new Thread(this::run, "fake-tftp");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listen.getLocalSocketAddress();
    }

    private void run() {
        byte[] buf = new byte[2048];
        boolean refused = false;
        try {
            while (!listen.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                listen.receive(p);
                Request r = parse(buf, p.getLength());
                requests.add(r);
                if (script.silent) {
                    continue;
                }
                if (script.refuseOptionsOnce && !refused && !r.options.isEmpty()) {
                    refused = true;
                    listen.send(packet(error(8, "no options"), p.getSocketAddress()));
                    continue;
                }
                serve(r, p.getSocketAddress());
            }
        } catch (IOException e) {
            // closed
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void serve(Request r, SocketAddress client) throws IOException {
        try (DatagramSocket t = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            t.setSoTimeout(2000);
            if (script.notFound) {
                t.send(packet(error(1, "File not found"), client));
                return;
            }
            int blk = 512;
            if (script.oackBlksize > 0 && r.options.containsKey("blksize")) {
                blk = script.oackBlksize;
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                o.write(0);
                o.write(6);
                for (String s : List.of("blksize", Integer.toString(blk), "tsize", Integer.toString(script.file.length))) {
                    o.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
                    o.write(0);
                }
                if (!lockStep(t, client, o.toByteArray(), 0)) {
                    return;
                }
            }
            long block = 1;
            int offset = 0;
            while (true) {
                int n = Math.min(blk, script.file.length - offset);
                byte[] d = new byte[4 + n];
                d[1] = 3;
                d[2] = (byte) (block >> 8);
                d[3] = (byte) block;
                System.arraycopy(script.file, offset, d, 4, n);
                if (script.stopAfterBlock >= 0 && block > script.stopAfterBlock) {
                    return; // the server dies mid-transfer
                }
                if (!lockStep(t, client, d, (int) (block & 0xFFFF))) {
                    return;
                }
                if (script.strayPacket && block == 1) {
                    stray(client, d);
                }
                offset += n;
                if (n < blk) {
                    return;
                }
                block++;
            }
        }
    }

    /** Sends {@code packet} until ACK {@code block} comes back (5 tries). */
    private boolean lockStep(DatagramSocket t, SocketAddress client, byte[] packet, int block) throws IOException {
        byte[] buf = new byte[64];
        boolean dropped = false;
        for (int tries = 0; tries < 5; tries++) {
            t.send(packet(packet, client));
            while (true) {
                DatagramPacket a = new DatagramPacket(buf, buf.length);
                try {
                    t.receive(a);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (a.getLength() >= 4 && buf[1] == 5) {
                    return false; // the client gave up on the transfer
                }
                if (a.getLength() >= 4 && buf[1] == 4 && (((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF)) == block) {
                    acksReceived.incrementAndGet();
                    if (script.dropFirstAck && !dropped && block == 1) {
                        dropped = true; // pretend it was lost: wait for the client to send it again
                        continue;
                    }
                    return true;
                }
            }
        }
        return false;
    }

    /** A packet from a port that is not the transfer's: the client must answer ERROR 5 and go on. */
    private void stray(SocketAddress client, byte[] data) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(2000);
            byte[] d = data.clone();
            d[3] = 2;
            s.send(packet(d, client));
            byte[] buf = new byte[128];
            DatagramPacket a = new DatagramPacket(buf, buf.length);
            s.receive(a);
            strayAnswers.incrementAndGet();
            if (buf[1] == 5) {
                strayErrorCodes.add(((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF));
            }
        }
    }

    /** Waits until {@code n} ACKs have arrived: the client returns before its last ACK is read here. */
    int awaitAcks(int n) throws InterruptedException {
        long end = System.nanoTime() + 2_000_000_000L;
        while (acksReceived.get() < n && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        Thread.sleep(20); // and a moment for any ACK too many
        return acksReceived.get();
    }

    private static Request parse(byte[] b, int len) {
        List<String> strings = new ArrayList<>();
        int start = 2;
        for (int i = 2; i < len; i++) {
            if (b[i] == 0) {
                strings.add(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
                start = i + 1;
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 2; i + 1 < strings.size(); i += 2) {
            options.put(strings.get(i), strings.get(i + 1));
        }
        return new Request(strings.get(0), strings.get(1), options);
    }

    private static byte[] error(int code, String message) {
        byte[] m = message.getBytes(StandardCharsets.ISO_8859_1);
        byte[] e = new byte[5 + m.length];
        e[1] = 5;
        e[3] = (byte) code;
        System.arraycopy(m, 0, e, 4, m.length);
        return e;
    }

    private static DatagramPacket packet(byte[] b, SocketAddress to) {
        return new DatagramPacket(b, b.length, to);
    }

    @Override
    public void close() throws InterruptedException {
        listen.close();
        thread.join(3000);
    }
}
