package org.phoneprov.acsd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One TCP connection speaking just enough HTTP/1.1 for the tests (Content-Length bodies), so a
 * test knows which POSTs share a connection, which is what a CWMP session is.
 */
final class HttpConnection implements AutoCloseable {
    record Response(int status, List<String> headers, byte[] body) {
        Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip()).findFirst();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    HttpConnection(InetSocketAddress to) throws IOException {
        this(new Socket(to.getAddress(), to.getPort()));
    }

    /** Over a socket already connected (a TLS one). */
    HttpConnection(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    Response post(String uri, List<String> headers, byte[] body) throws IOException {
        StringBuilder h = new StringBuilder("POST " + uri + " HTTP/1.1\r\nHost: acs\r\nContent-Length: " + body.length
                + "\r\n");
        if (body.length > 0) {
            h.append("Content-Type: text/xml; charset=utf-8\r\nSOAPAction: \r\n");
        }
        headers.forEach(x -> h.append(x).append("\r\n"));
        out.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        String status = line();
        List<String> headers = new ArrayList<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            headers.add(l);
        }
        Response head = new Response(Integer.parseInt(status.split(" ")[1]), headers, new byte[0]);
        int length = head.header("Content-Length").map(Integer::parseInt).orElse(0);
        return new Response(head.status(), headers, in.readNBytes(length));
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether the server closed the connection (read returns end of stream). */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
