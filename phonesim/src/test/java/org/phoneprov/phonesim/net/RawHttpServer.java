package org.phoneprov.phonesim.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server written on a raw socket, for what com.sun's server will not do: answer
 * each request with scripted bytes, and close a kept-alive connection when told to.
 */
final class RawHttpServer implements AutoCloseable {
    /** What to answer one request with, and whether to close the connection after it. */
    record Answer(String bytes, boolean closeAfter) {
    }

    private final ServerSocket server;
    private final List<Answer> script;
    private final AtomicInteger next = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final Thread thread;

    RawHttpServer(List<Answer> script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.thread = new Thread(this::run, "raw-http");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void run() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
                s.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                while (true) {
                    String line = in.readLine();
                    if (line == null) {
                        break;
                    }
                    requestLines.add(line);
                    while (!in.readLine().isEmpty()) {
                        // headers: not needed
                    }
                    Answer a = script.get(Math.min(next.getAndIncrement(), script.size() - 1));
                    out.write(a.bytes().getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (a.closeAfter()) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the test's client went away, or the server is closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
