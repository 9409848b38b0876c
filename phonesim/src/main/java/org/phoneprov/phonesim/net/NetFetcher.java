package org.phoneprov.phonesim.net;

import java.net.InetAddress;
import java.util.Map;
import org.phoneprov.phonesim.fetch.FetchResult;
import org.phoneprov.phonesim.fetch.Fetcher;
import org.phoneprov.phonesim.fetch.Location;

/**
 * A phone's {@link Fetcher} over real sockets: HTTP locations go to {@link HttpFetch},
 * TFTP ones to {@link TftpFetch}, both sending from the phone's own address so the
 * servers see the address they leased. Thread-confined to the phone, like its fetchers.
 */
public final class NetFetcher implements Fetcher {
    private final HttpFetch http;
    private final TftpFetch tftp;
    private int httpRequests;
    private int tftpRequests;

    /** @param localAddress the phone's leased address; null sends from any */
    public NetFetcher(InetAddress localAddress, FetchTimeouts timeouts) {
        this(localAddress, timeouts, null);
    }

    /** @param model for the User-Agent, e.g. {@code ST2030S}; null leaves it out */
    public NetFetcher(InetAddress localAddress, FetchTimeouts timeouts, String model) {
        this.http = new HttpFetch(localAddress, timeouts, model);
        this.tftp = new TftpFetch(localAddress, timeouts);
    }

    @Override
    public FetchResult get(Location location) {
        return fetch(location, false);
    }

    @Override
    public FetchResult post(Location location) {
        return fetch(location, true);
    }

    private FetchResult fetch(Location location, boolean post) {
        if (location instanceof Location.Http h) {
            httpRequests++;
            return post ? http.post(h.uri()) : http.get(h.uri());
        }
        Location.Tftp t = (Location.Tftp) location;
        tftpRequests++;
        // TFTP has no POST: the phone's config request is a read like any other (seed 2.4).
        return tftp.read(t.server(), t.name());
    }

    @Override
    public Map<String, Integer> requests() {
        return Map.of("http", httpRequests, "tftp", tftpRequests);
    }

    @Override
    public void close() {
        http.close();
    }
}
