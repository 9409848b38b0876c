package org.phoneprov.phonesim.net;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One open TCP connection to an HTTP server, kept between the requests of one phone.
 * {@code used} tells a fresh connection from a reused one: only a reused one may have
 * been closed by the server while idle, which is worth one transparent retry.
 */
final class HttpConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int requests;

    HttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = socket.getOutputStream();
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    /** Whether an earlier request already went over this connection. */
    boolean reused() {
        return requests > 0;
    }

    void countRequest() {
        requests++;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to do with a connection we are dropping.
        }
    }
}
