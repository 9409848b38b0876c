package org.phoneprov.acsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.acsd.auth.CpeAuth;
import org.phoneprov.acsd.auth.NonceBook;
import org.phoneprov.acsd.session.CwmpSession;
import org.phoneprov.acsd.session.MemoryAcsStore;
import org.phoneprov.acsd.session.TaskQueue;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.config.ServerKeys;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.LoggerFactory;

/** Over HTTPS a CPE may authenticate with Basic (TR-069 Amendment 6, 3.4.4); the session is the same. */
class AcsTlsTest {
    @TempDir
    Path dir;

    @Test
    void basicOverTlsOpensASession() throws Exception {
        SuiteConfig c = AcsFixture.config(dir, "");
        SelfSignedCertificate cert = new SelfSignedCertificate("acs.test");
        PrometheusRegistry registry = new PrometheusRegistry();
        AcsMetrics metrics = new AcsMetrics(registry);
        AcsContext acs = new AcsContext(() -> c, new TaskQueue(new MemoryAcsStore(), Clock.systemUTC()),
                new CpeAuth(new NonceBook(10, 60_000), "phoneprov-acs"), CwmpSession.InformHook.NONE, e -> { }, metrics,
                new RateLimitedLog(LoggerFactory.getLogger(AcsTlsTest.class)), Clock.systemUTC());
        AcsServer server = new AcsServer(new DaemonConfig("acsd", true, InetAddress.getLoopbackAddress(),
                Optional.empty(), 0), Optional.of(new ServerKeys(cert.certificate().toPath(),
                cert.privateKey().toPath(), List.of(cert.cert()), cert.key())));
        try {
            InetSocketAddress a = server.start(acs);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(a.getAddress(), a.getPort());
            socket.startHandshake();
            try (HttpConnection conn = new HttpConnection(socket)) {
                String basic = Base64.getEncoder().encodeToString("00147F770001:s3cret".getBytes(StandardCharsets.UTF_8));
                HttpConnection.Response r = conn.post("/acs", List.of("Authorization: Basic " + basic),
                        AcsServerTest.inform());
                assertEquals(200, r.status(), r.text());
                assertTrue(r.text().contains("InformResponse"));
                assertEquals(204, conn.post("/acs", List.of(), new byte[0]).status());
            }
        } finally {
            server.close();
            metrics.close();
            cert.delete();
        }
    }
}
