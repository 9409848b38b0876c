package org.phoneprov.dhcpd.ha;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.phoneprov.common.config.HaSettings;

/**
 * Mutual TLS between the two nodes ({@code dhcpd.ha.tls}), as Kea's HA hook offers it: each
 * listener asks the caller for a certificate of the pair's CA, and each caller checks the
 * listener's certificate against that CA and the partner's address. The HMAC of every message
 * stays on top of it.
 */
final class HaTls {
    private HaTls() {
    }

    /** The listener's side: TLS 1.2+, a client certificate of the pair's CA required. */
    static SslContext server(HaSettings.Tls tls) throws SSLException {
        return SslContextBuilder.forServer(tls.keys().key(), tls.keys().chain().toArray(X509Certificate[]::new))
                .trustManager(tls.ca().toArray(X509Certificate[]::new))
                .clientAuth(ClientAuth.REQUIRE)
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
    }

    /** The caller's side: this node's certificate shown, only the pair's CA trusted. */
    static SSLContext client(HaSettings.Tls tls) throws GeneralSecurityException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate c : tls.ca()) {
                trust.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("node", tls.keys().key(), new char[0],
                    tls.keys().chain().toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot build the HA TLS context: " + e.getMessage(), e);
        }
    }
}
