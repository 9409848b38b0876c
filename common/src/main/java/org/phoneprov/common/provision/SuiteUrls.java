package org.phoneprov.common.provision;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.net.Addresses;

/**
 * The suite's addresses as phones see them: one place that builds every URL and
 * server value that goes into INFs, configs and (later) DHCP options, so they cannot
 * disagree with what the daemons serve.
 */
public record SuiteUrls(String httpBase, String httpServer, String tftpServer, String checkSyncSource) {
    public static SuiteUrls of(SuiteConfig c) {
        String host = c.identity().urlHost();
        // With TLS configured, phones are sent to HTTPS: that is why an admin sets it up
        // (a phone needs the CA in its https_ca catalog entry to verify the server).
        boolean https = c.http().tls().isPresent();
        int port = https ? c.http().tls().get().port() : c.httpd().port();
        String hostPort = port == (https ? 443 : 80) ? host : host + ":" + port;
        // AutoprovisionHTTPServer is an address in the seed (2.3); over HTTPS it must say so: a URL.
        return new SuiteUrls((https ? "https://" : "http://") + hostPort + "/", https ? "https://" + hostPort : hostPort,
                Addresses.forUrl(c.identity().address()),
                c.identity().checkSyncSource().getHostAddress());
    }

    /** The URL of a file in the server root; each path segment is percent-encoded. */
    public String http(String relativePath) {
        StringBuilder b = new StringBuilder(httpBase);
        String[] segments = relativePath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }
}
