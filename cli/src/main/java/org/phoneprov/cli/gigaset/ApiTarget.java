package org.phoneprov.cli.gigaset;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Where {@code phoneprov gigaset} calls and as whom: the API's URL, the provider account and its
 * password, and the certificates an HTTPS server must chain to (empty: the JDK's default ones).
 */
public record ApiTarget(URI url, String user, String password, List<X509Certificate> trusted) {
    public ApiTarget {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        trusted = List.copyOf(trusted);
    }

    /** Never print a password. */
    @Override
    public String toString() {
        return "ApiTarget[url=" + url + ", user=" + user + ", password=***, trusted=" + trusted.size() + "]";
    }
}
