package org.phoneprov.phonesim.aps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.phoneprov.phonesim.fetch.FetchResult;
import org.phoneprov.phonesim.fetch.Fetcher;
import org.phoneprov.phonesim.fetch.Location;

/**
 * An in-memory stand-in for the suite's httpd and tftpd at 10.77.0.1, serving the files
 * of {@code examples/lab} as the suite renders them (test resources {@code samples/}):
 * the HTTP flavour of INFs over HTTP, the TFTP flavour over TFTP, names matched
 * case-insensitively, and {@code ST2030S_<MAC>.inf} for every phone that has a MAC config
 * (the suite serves it for inventory devices). Records every request as
 * {@code "GET /path"}, {@code "POST /path"} or {@code "RRQ name"}.
 */
public final class SampleServer implements Fetcher {
    public static final InetAddress SERVER = address("10.77.0.1");
    private static final Pattern MAC_CONFIG = Pattern.compile("(ST20\\d\\d[SM])_([0-9A-F]{12})\\.txt");
    private final Map<String, byte[]> http = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, byte[]> tftp = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<String> log = new ArrayList<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    private boolean unreachable;
    private int closed;

    public static SampleServer lab() {
        SampleServer s = new SampleServer();
        Path root = resources();
        s.load(root.resolve("http"), s.http, "");
        s.load(root.resolve("tftp"), s.tftp, "");
        s.load(root.resolve("files"), s.http, "");
        s.load(root.resolve("files"), s.tftp, "");
        for (Map<String, byte[]> m : List.of(s.http, s.tftp)) {
            for (String name : List.copyOf(m.keySet())) {
                Matcher mc = MAC_CONFIG.matcher(name);
                if (mc.matches()) {
                    m.put(mc.group(1) + "_" + mc.group(2) + ".inf", m.get(mc.group(1) + ".inf"));
                }
            }
        }
        return s;
    }

    private static Path resources() {
        try {
            return Path.of(SampleServer.class.getClassLoader().getResource("samples").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void load(Path dir, Map<String, byte[]> into, String prefix) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                into.put(prefix + dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample file's text, for tests that derive a changed version. */
    public String text(boolean overHttp, String name) {
        return new String((overHttp ? http : tftp).get(name), StandardCharsets.UTF_8);
    }

    public SampleServer put(boolean overHttp, String name, byte[] body) {
        (overHttp ? http : tftp).put(name, body);
        return this;
    }

    public SampleServer put(boolean overHttp, String name, String body) {
        return put(overHttp, name, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Puts a file under the same name for both transports. */
    public SampleServer putBoth(String name, String body) {
        return put(true, name, body).put(false, name, body);
    }

    public SampleServer remove(boolean overHttp, String name) {
        (overHttp ? http : tftp).remove(name);
        return this;
    }

    public SampleServer unreachable(boolean v) {
        unreachable = v;
        return this;
    }

    /** Every request so far, in order. */
    public List<String> log() {
        return List.copyOf(log);
    }

    public void clearLog() {
        log.clear();
    }

    public int closed() {
        return closed;
    }

    @Override
    public FetchResult get(Location location) {
        return serve(location instanceof Location.Http ? "GET" : "RRQ", location);
    }

    @Override
    public FetchResult post(Location location) {
        return serve(location instanceof Location.Http ? "POST" : "RRQ", location);
    }

    private FetchResult serve(String method, Location location) {
        String name;
        Map<String, byte[]> files;
        boolean ours;
        if (location instanceof Location.Http h) {
            name = h.uri().getPath().replaceFirst("^/", "");
            files = http;
            ours = SERVER.getHostAddress().equals(h.uri().getHost());
            log.add(method + " " + h.uri().getPath());
            counts.merge("http", 1, Integer::sum);
        } else {
            Location.Tftp t = (Location.Tftp) location;
            name = t.name().replaceFirst("^/", "");
            files = tftp;
            ours = SERVER.equals(t.server().getAddress()) && t.server().getPort() == 69;
            log.add(method + " " + t.name());
            counts.merge("tftp", 1, Integer::sum);
        }
        if (unreachable || !ours) {
            return new FetchResult.Unreachable("no answer from " + location.display());
        }
        byte[] body = files.get(name);
        return body == null ? new FetchResult.NotFound("404 " + name) : new FetchResult.Ok(body.clone());
    }

    @Override
    public Map<String, Integer> requests() {
        return Map.copyOf(counts);
    }

    @Override
    public void close() {
        closed++;
    }

    static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
