package org.phoneprov.httpd;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import org.phoneprov.common.config.HttpdSettings;

/**
 * The server-side TLS context from the checked key material of the config: TLS 1.3 and
 * 1.2 only, the JDK's engine (no native library to ship), and client certificates as
 * {@code client_auth} says, checked against {@code client_ca}.
 */
final class TlsContext {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContext() {
    }

    static SslContext build(HttpdSettings.Tls tls) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forServer(tls.key(), tls.chain().toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .clientAuth(switch (tls.clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case OPTIONAL -> ClientAuth.OPTIONAL;
                    case REQUIRE -> ClientAuth.REQUIRE;
                });
        if (!tls.clientCas().isEmpty()) {
            b.trustManager(tls.clientCas().toArray(X509Certificate[]::new));
        }
        return b.build();
    }
}
