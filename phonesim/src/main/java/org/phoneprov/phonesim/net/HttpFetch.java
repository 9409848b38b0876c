package org.phoneprov.phonesim.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.phoneprov.phonesim.fetch.FetchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal HTTP/1.1 client over plain sockets, for one phone. Not
 * {@code java.net.http.HttpClient}: that one cannot bind a local address, and the
 * server records and later checks the address a phone fetched from.
 *
 * <p>One connection per host:port stays open between requests ({@code Connection:
 * keep-alive}), as a phone fetching its INF, firmware and configs from one server does.
 * A server may close an idle connection at any time (RFC 9112 9.3.1), so a request that
 * fails on a reused connection before any response byte is sent once more on a new one.
 * Redirects are not followed here ({@link #exchange} hands them to a phone that follows
 * them itself); https is out of scope. Thread-confined, like the phone.
 */
public final class HttpFetch implements AutoCloseable {
    /** Far above the largest firmware image; a runaway body must not eat the heap. */
    public static final long MAX_BODY = 64L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(HttpFetch.class);

    private final InetAddress localAddress;
    private final FetchTimeouts timeouts;
    private final String userAgent;
    private final long maxBody;
    private final Map<String, HttpConnection> connections = new HashMap<>();

    /**
     * @param localAddress the phone's own address to send from; null for any
     * @param model        for {@code User-Agent: phoneprov-phonesim <model>}; null or blank leaves it out
     */
    public HttpFetch(InetAddress localAddress, FetchTimeouts timeouts, String model) {
        this(localAddress, timeouts, model, MAX_BODY);
    }

    HttpFetch(InetAddress localAddress, FetchTimeouts timeouts, String model, long maxBody) {
        this(localAddress, timeouts, maxBody,
                model == null || model.isBlank() ? "phoneprov-phonesim" : "phoneprov-phonesim " + model.trim());
    }

    private HttpFetch(InetAddress localAddress, FetchTimeouts timeouts, long maxBody, String userAgent) {
        this.localAddress = localAddress;
        this.timeouts = timeouts;
        this.userAgent = userAgent;
        this.maxBody = maxBody;
    }

    /**
     * With a User-Agent of the phone's own, as a Gigaset sends its MAC in it
     * ({@code Gigaset N510 IP PRO/42.245.00.000.000;7C2F804DF9A9}).
     */
    public static HttpFetch withUserAgent(InetAddress localAddress, FetchTimeouts timeouts, String userAgent) {
        return new HttpFetch(localAddress, timeouts, MAX_BODY, userAgent);
    }

    public FetchResult get(URI uri) {
        return fetch("GET", uri);
    }

    /** POST with an empty body ({@code Content-Length: 0}), as the phone asks for config files (seed 2.5.3). */
    public FetchResult post(URI uri) {
        return fetch("POST", uri);
    }

    /**
     * One GET with extra header fields ({@code Authorization}), answered with whatever status
     * came: for a phone that follows redirects and answers digest challenges itself (a Gigaset).
     */
    public HttpReply exchange(URI uri, Map<String, String> headers) {
        Sent s = send("GET", uri, headers, new byte[0]);
        return s.failure != null ? new HttpReply.NoAnswer(s.failure)
                : new HttpReply.Answered(s.response.status(), s.response.headers(), s.response.body());
    }

    /**
     * One request of any method with a body ({@code Content-Length} framed; none for an empty
     * body of a GET), answered with whatever status came: for a TR-069 CPE, whose POSTs carry
     * SOAP envelopes and whose session keeps one connection (TR-069 Amendment 6, 3.4.4).
     */
    public HttpReply exchange(String method, URI uri, Map<String, String> headers, byte[] body) {
        Sent s = send(method, uri, headers, body);
        return s.failure != null ? new HttpReply.NoAnswer(s.failure)
                : new HttpReply.Answered(s.response.status(), s.response.headers(), s.response.body());
    }

    /** The request-target a request for {@code uri} names, which a digest {@code uri} must repeat. */
    public static String requestTarget(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private record Target(String key, String host, int port, String hostHeader, String path) {
    }

    /** A response, or why there was none. */
    private record Sent(HttpResponse response, FetchResult failure) {
    }

    private FetchResult fetch(String method, URI uri) {
        Sent s = send(method, uri, Map.of(), new byte[0]);
        return s.failure != null ? s.failure : result(s.response);
    }

    private Sent send(String method, URI uri, Map<String, String> headers, byte[] body) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return failed(new FetchResult.Failed("https not supported by the simulator"));
        }
        if (!scheme.equals("http") || uri.isOpaque() || uri.getHost() == null) {
            return failed(new FetchResult.Failed("not an http:// URL with a host: " + uri));
        }
        Target t = target(uri);
        HttpConnection c = connections.remove(t.key);
        if (c != null) {
            Attempt a = attempt(c, method, t, headers, body);
            if (!a.stale()) {
                return keepOrClose(t, c, a);
            }
            // The server closed the idle connection before we asked: ask again on a new one.
            log.debug("phonesim.http.reconnect url={} reason={}", uri, a.staleReason);
            c.close();
        }
        try {
            c = connect(t);
        } catch (UnknownHostException e) {
            return failed(new FetchResult.Unreachable("unknown host " + t.host));
        } catch (BindException e) {
            // The phone's address is gone from this host, or no local port is left.
            String from = localAddress == null ? "any address" : localAddress.getHostAddress();
            return failed(new FetchResult.Unreachable("cannot send from " + from + ": " + e.getMessage()));
        } catch (IOException e) {
            // Refused, timed out, no route: all "Server Unreachable" to the phone (seed 2.6).
            return failed(new FetchResult.Unreachable("cannot connect to " + t.host + ":" + t.port + ": " + why(e)));
        }
        Attempt a = attempt(c, method, t, headers, body);
        if (a.stale()) {
            c.close();
            return failed(new FetchResult.Failed("server closed the connection without a response: " + a.staleReason));
        }
        return keepOrClose(t, c, a);
    }

    private static Sent failed(FetchResult r) {
        return new Sent(null, r);
    }

    private Sent keepOrClose(Target t, HttpConnection c, Attempt a) {
        if (a.response != null && a.response.keepAlive()) {
            connections.put(t.key, c);
        } else {
            c.close();
        }
        return new Sent(a.response, a.failure);
    }

    /**
     * One request on one connection: a response, a failure, or neither (stale) when the
     * connection gave nothing back, not even one byte: the only case a new connection may fix.
     */
    private record Attempt(HttpResponse response, FetchResult failure, String staleReason) {
        static Attempt stale(String reason) {
            return new Attempt(null, null, reason);
        }

        static Attempt done(FetchResult failure) {
            return new Attempt(null, failure, null);
        }

        boolean stale() {
            return response == null && failure == null;
        }
    }

    private Attempt attempt(HttpConnection c, String method, Target t, Map<String, String> headers, byte[] body) {
        c.countRequest();
        try {
            c.out().write(request(method, t, headers, body.length));
            c.out().write(body);
            c.out().flush();
        } catch (IOException e) {
            return Attempt.stale("send failed: " + why(e));
        }
        InputStream in = c.in();
        try {
            in.mark(1);
            if (in.read() < 0) {
                return Attempt.stale("closed by the server");
            }
            in.reset();
        } catch (SocketTimeoutException e) {
            return Attempt.done(new FetchResult.Unreachable("no answer from " + t.host + ":" + t.port + " within "
                    + timeouts.read().toMillis() + " ms"));
        } catch (IOException e) {
            return Attempt.stale(why(e));
        }
        try {
            return new Attempt(new HttpResponseReader(in, maxBody).read(), null, null);
        } catch (SocketTimeoutException e) {
            return Attempt.done(new FetchResult.Failed("response broke off: no data within "
                    + timeouts.read().toMillis() + " ms"));
        } catch (EOFException e) {
            return Attempt.done(new FetchResult.Failed("response broke off: " + e.getMessage()));
        } catch (IOException e) {
            return Attempt.done(new FetchResult.Failed("bad HTTP response: " + why(e)));
        }
    }

    private static FetchResult result(HttpResponse r) {
        return switch (r.status()) {
            case 200 -> new FetchResult.Ok(r.body());
            case 404 -> new FetchResult.NotFound("HTTP 404");
            default -> new FetchResult.Failed("HTTP " + r.status());
        };
    }

    private byte[] request(String method, Target t, Map<String, String> headers, int bodyLength) {
        StringBuilder b = new StringBuilder(160);
        b.append(method).append(' ').append(t.path).append(" HTTP/1.1\r\n");
        b.append("Host: ").append(t.hostHeader).append("\r\n");
        b.append("User-Agent: ").append(userAgent).append("\r\n");
        b.append("Accept: */*\r\n");
        b.append("Connection: keep-alive\r\n");
        headers.forEach((name, value) -> b.append(name).append(": ").append(value).append("\r\n"));
        if (method.equals("POST") || bodyLength > 0) {
            b.append("Content-Length: ").append(bodyLength).append("\r\n");
        }
        b.append("\r\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private HttpConnection connect(Target t) throws IOException {
        InetAddress server = InetAddress.getByName(t.host);
        Socket s = new Socket();
        try {
            s.setSoTimeout(timeouts.readMillis());
            s.setTcpNoDelay(true);
            if (localAddress != null) {
                s.bind(new InetSocketAddress(localAddress, 0));
            }
            s.connect(new InetSocketAddress(server, t.port), timeouts.connectMillis());
            return new HttpConnection(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static Target target(URI uri) {
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String hostHeader = uri.getPort() < 0 || port == 80 ? host : host + ":" + port;
        return new Target(bare.toLowerCase(Locale.ROOT) + ":" + port, bare, port, hostHeader, requestTarget(uri));
    }

    private static String why(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Open connections, for tests. */
    int openConnections() {
        return connections.size();
    }

    @Override
    public void close() {
        connections.values().forEach(HttpConnection::close);
        connections.clear();
    }
}
