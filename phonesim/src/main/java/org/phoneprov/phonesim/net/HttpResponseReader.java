package org.phoneprov.phonesim.net;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.x response (RFC 9112) from a connection: status line, header fields,
 * and the body framed by chunked transfer coding, Content-Length, or the end of the
 * connection, in the order of RFC 9112 6.3. Interim 1xx responses are skipped.
 * Everything malformed is an {@link IOException}; the caller turns it into a result.
 */
final class HttpResponseReader {
    /** Longer status or header lines are not what a provisioning server sends. */
    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 100;

    private final InputStream in;
    private final long maxBody;

    HttpResponseReader(InputStream in, long maxBody) {
        this.in = in;
        this.maxBody = maxBody;
    }

    HttpResponse read() throws IOException {
        while (true) {
            Head head = readHead();
            if (head.status >= 100 && head.status < 200) {
                continue; // 100 Continue and friends come before the real answer (RFC 9110 15.2)
            }
            return readBody(head);
        }
    }

    private static final class Head {
        int status;
        String reason = "";
        boolean http10;
        boolean close;
        boolean keepAliveSaid;
        boolean chunked;
        boolean otherCoding;
        long contentLength = -1;
        final Map<String, List<String>> fields = new HashMap<>();
    }

    private Head readHead() throws IOException {
        Head h = new Head();
        String statusLine = line();
        // HTTP-version SP status-code SP [reason-phrase]; some servers leave out the reason.
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("not an HTTP/1.x status line: " + printable(statusLine));
        }
        h.http10 = parts[0].equals("HTTP/1.0");
        h.status = Integer.parseInt(parts[1]);
        h.reason = parts.length == 3 ? parts[2] : "";
        for (int n = 0; ; n++) {
            String field = line();
            if (field.isEmpty()) {
                return h;
            }
            if (n == MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " header fields");
            }
            int colon = field.indexOf(':');
            if (colon <= 0) {
                throw new IOException("header field without a name: " + printable(field));
            }
            String name = field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = field.substring(colon + 1).trim();
            h.fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            header(h, name, value);
        }
    }

    private static void header(Head h, String name, String value) throws IOException {
        String v = value.toLowerCase(Locale.ROOT);
        switch (name) {
            case "connection" -> {
                for (String token : v.split(",")) {
                    h.close |= token.trim().equals("close");
                    h.keepAliveSaid |= token.trim().equals("keep-alive");
                }
            }
            case "transfer-encoding" -> {
                // Only the last coding frames the body (RFC 9112 6.3 item 4); chunked must be last.
                String[] codings = v.split(",");
                boolean lastChunked = codings[codings.length - 1].trim().equals("chunked");
                h.chunked = lastChunked;
                h.otherCoding = !lastChunked;
            }
            case "content-length" -> {
                long length;
                try {
                    length = Long.parseLong(value.split(",")[0].trim());
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length: " + printable(value));
                }
                for (String other : value.split(",")) {
                    if (!other.trim().equals(Long.toString(length))) {
                        throw new IOException("conflicting Content-Length: " + printable(value));
                    }
                }
                if (length < 0 || (h.contentLength >= 0 && h.contentLength != length)) {
                    throw new IOException("bad Content-Length: " + printable(value));
                }
                h.contentLength = length;
            }
            default -> {
            }
        }
    }

    private HttpResponse readBody(Head h) throws IOException {
        boolean keepAlive = !h.close && (!h.http10 || h.keepAliveSaid);
        if (h.status == 204 || h.status == 304) {
            return new HttpResponse(h.status, h.reason, fields(h), new byte[0], keepAlive);
        }
        if (h.chunked) {
            return new HttpResponse(h.status, h.reason, fields(h), chunked(), keepAlive);
        }
        if (h.otherCoding || h.contentLength < 0) {
            // No length known: the body ends with the connection, which cannot be reused.
            return new HttpResponse(h.status, h.reason, fields(h), toEof(), false);
        }
        if (h.contentLength > maxBody) {
            throw new IOException("body of " + h.contentLength + " bytes is over the limit of " + maxBody);
        }
        byte[] body = in.readNBytes((int) h.contentLength);
        if (body.length < h.contentLength) {
            throw new EOFException("body broke off after " + body.length + " of " + h.contentLength + " bytes");
        }
        return new HttpResponse(h.status, h.reason, fields(h), body, keepAlive);
    }

    private static Map<String, List<String>> fields(Head h) {
        Map<String, List<String>> out = new HashMap<>();
        h.fields.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';'); // chunk extensions are ignored (RFC 9112 7.1.1)
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            long size;
            try {
                size = hex.isEmpty() || hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0) {
                throw new IOException("bad chunk size: " + printable(sizeLine));
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailer fields carry nothing the phone needs
                }
                return body.toByteArray();
            }
            if (body.size() + size > maxBody) {
                throw new IOException("chunked body is over the limit of " + maxBody + " bytes");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new EOFException("chunk broke off after " + chunk.length + " of " + size + " bytes");
            }
            body.write(chunk);
            if (!line().isEmpty()) {
                throw new IOException("chunk of " + size + " bytes not followed by CRLF");
            }
        }
    }

    private byte[] toEof() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (body.size() + n > maxBody) {
                throw new IOException("body is over the limit of " + maxBody + " bytes");
            }
            body.write(buf, 0, n);
        }
        return body.toByteArray();
    }

    /** One line without its CRLF (a bare LF is accepted too, RFC 9112 2.2). */
    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed inside the response head");
            }
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (b.size() == MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE + " bytes");
            }
            b.write(c);
        }
    }

    static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
