package org.phoneprov.common.config;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * httpd's settings beyond where its plain listener is: HTTPS, who may fetch a device's
 * own files (its MAC config and its {@code <MODEL>_<MAC>.inf}), and how long and how many
 * connections a client may hold.
 *
 * @param tls    HTTPS, when the section has {@code tls:}
 * @param access the per-device checks; all off by default, so a config without
 *               {@code access:} serves as before
 * @param limits the connection deadlines and caps; {@link Limits#DEFAULT} without {@code limits:}
 */
public record HttpdSettings(Optional<Tls> tls, Access access, Limits limits) {

    /** Default limits. */
    public HttpdSettings(Optional<Tls> tls, Access access) {
        this(tls, access, Limits.DEFAULT);
    }

    public static HttpdSettings defaults() {
        return new HttpdSettings(Optional.empty(), Access.OFF, Limits.DEFAULT);
    }

    /** Whether the plain HTTP listener runs: always without TLS, else as {@code tls.plain_http} says. */
    public boolean plainHttp() {
        return tls.map(Tls::plainHttp).orElse(true);
    }

    /** What a TLS client must show. */
    public enum ClientAuth {
        /** No client certificate is asked for. */
        NONE,
        /** Asked for; a client without one is served, one with a bad one is refused. */
        OPTIONAL,
        /** A client without a certificate signed by {@code client_ca} is refused in the handshake. */
        REQUIRE
    }

    /**
     * The HTTPS listener, with its key material read and checked at load, so a broken file
     * is a located config error and never a failure at start.
     *
     * @param certPath  where the chain came from (for messages)
     * @param chain     the server certificate first, then any intermediates, as in the file
     * @param key       the private key of {@code chain.get(0)}
     * @param clientCas the certificates client certificates must chain to; empty with NONE
     * @param plainHttp whether the plain listener ({@code httpd.port}) runs beside this one
     */
    public record Tls(int port, Path certPath, Path keyPath, Optional<Path> clientCaPath, ClientAuth clientAuth,
                      boolean plainHttp, List<X509Certificate> chain, PrivateKey key,
                      List<X509Certificate> clientCas) {
        public Tls {
            chain = List.copyOf(chain);
            clientCas = List.copyOf(clientCas);
        }

        /** Never print a key: logs get this form. */
        @Override
        public String toString() {
            return "Tls[port=" + port + ", cert=" + certPath + ", key=" + keyPath + " (***), clientCa="
                    + clientCaPath.map(Path::toString).orElse("-") + ", clientAuth=" + clientAuth
                    + ", plainHttp=" + plainHttp + "]";
        }
    }

    /**
     * Per-device access on HTTP and HTTPS alike.
     *
     * @param digest       a device's own files need its {@code http_user}/{@code http_password}
     *                     (RFC 7616 digest); a device without a password gets them refused
     * @param realm        the digest realm
     * @param algorithms   offered digest algorithms, in the order the challenges are sent
     *                     ({@code SHA-256}, {@code MD5}); some old clients read only the first
     * @param nonceSeconds how long a nonce is good; an older one gets {@code stale=true}
     * @param leaseBinding a device's own files go only to the address its inventory entry
     *                     or its DHCP lease gives
     * @param probeLimit   blocks an address that collects too many 404s; empty when off
     */
    public record Access(boolean digest, String realm, List<String> algorithms, int nonceSeconds,
                         boolean leaseBinding, Optional<ProbeLimit> probeLimit) {
        public static final Access OFF = new Access(false, "phoneprov", List.of("SHA-256", "MD5"), 300, false,
                Optional.empty());

        public Access {
            algorithms = List.copyOf(algorithms);
        }
    }

    /**
     * @param notFound     404s an address may collect within {@code perSeconds}; one more blocks it
     * @param perSeconds   the counting window, from an address's first 404
     * @param blockSeconds how long every request from a blocked address gets 429
     * @param maxClients   addresses tracked at most (least recently seen ones are forgotten first),
     *                     so a scan from many addresses cannot exhaust memory
     */
    public record ProbeLimit(int notFound, int perSeconds, int blockSeconds, int maxClients) {
        public static final ProbeLimit DEFAULT = new ProbeLimit(20, 60, 300, 10_000);
    }

    /**
     * What one connection may cost: phones send their request head in the first packet,
     * fetch a handful of files and go quiet, or power-cycle and leave a dead connection
     * behind; a client that connects and sends nothing, or one byte at a time, must not hold
     * more than a bounded share of the connections.
     *
     * @param requestHeadSeconds the whole request head (and on HTTPS the handshake before it)
     *                           must have arrived this long after the accept, or after the end
     *                           of the previous response on a kept-alive connection; bytes that
     *                           trickle in do not extend it
     * @param keepaliveSeconds   a kept-alive connection on which no byte of a next request
     *                           arrives for this long is closed; at most {@code requestHeadSeconds}
     * @param maxConnections     open connections on both listeners together; at the cap the one
     *                           that has waited longest without a request in progress is closed
     *                           for the newcomer, and only when every one is busy is it refused
     * @param maxPerClient       open connections from one address; one more is refused at accept
     */
    public record Limits(int requestHeadSeconds, int keepaliveSeconds, int maxConnections, int maxPerClient) {
        public static final Limits DEFAULT = new Limits(10, 5, 4096, 64);
    }
}
