package org.phoneprov.sipd.notify;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A phone as far as check-sync goes: a plain UDP socket on 127.0.0.1 that hands each
 * request to a behaviour and sends back what it returns, echoing the transaction headers
 * the way RFC 3261 8.2.6.2 says a UAS must.
 */
final class FakePhone implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    final List<String> received = new CopyOnWriteArrayList<>();

    /** @param behaviour request text → a status line and extra headers to answer with, or empty for silence */
    FakePhone(Function<String, Optional<String[]>> behaviour) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(() -> serve(behaviour), "fake-phone");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve(Function<String, Optional<String[]>> behaviour) {
        byte[] buf = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                String request = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                received.add(request);
                Optional<String[]> answer = behaviour.apply(request);
                if (answer.isPresent()) {
                    byte[] out = response(request, answer.get()).getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    void sendTo(InetSocketAddress to, String text) throws IOException {
        byte[] out = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(out, out.length, to));
    }

    static String response(String request, String[] statusAndHeaders) {
        StringBuilder b = new StringBuilder("SIP/2.0 ").append(statusAndHeaders[0]).append("\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                    || lower.startsWith("cseq:")) {
                b.append(line).append("\r\n");
            } else if (lower.startsWith("to:")) {
                b.append(line).append(";tag=phone1\r\n");
            }
        }
        for (int i = 1; i < statusAndHeaders.length; i++) {
            b.append(statusAndHeaders[i]).append("\r\n");
        }
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }

    /** The value of the first header of that name, or empty. */
    static Optional<String> header(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(1000);
    }
}
