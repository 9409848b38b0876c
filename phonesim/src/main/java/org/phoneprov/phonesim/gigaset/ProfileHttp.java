package org.phoneprov.phonesim.gigaset;

import java.net.URI;
import java.util.Map;
import org.phoneprov.phonesim.net.HttpFetch;
import org.phoneprov.phonesim.net.HttpReply;

/**
 * A Gigaset's way to the servers: one GET at a time, answered with whatever status came, so
 * {@link ProfileFetch} decides about redirects and challenges. Tests give it a fake; the
 * simulation {@link #over an HttpFetch} bound to the phone's address, with its User-Agent.
 */
public interface ProfileHttp extends AutoCloseable {
    HttpReply get(URI uri, Map<String, String> headers);

    @Override
    void close();

    static ProfileHttp over(HttpFetch http) {
        return new ProfileHttp() {
            @Override
            public HttpReply get(URI uri, Map<String, String> headers) {
                return http.exchange(uri, headers);
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }
}
