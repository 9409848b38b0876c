package org.phoneprov.phonesim.fetch;

/**
 * One phone's way to the servers, bound to its own address. Thread-confined to the
 * phone; never throws for network problems (they are {@link FetchResult}s).
 */
public interface Fetcher extends AutoCloseable {
    /** HTTP GET, or a TFTP read request. */
    FetchResult get(Location location);

    /** HTTP POST with an empty body, as the phone fetches config files (seed 2.5.3); over TFTP a read request. */
    FetchResult post(Location location);

    /** Requests made so far, by transport ({@code "http"}, {@code "tftp"}), for the simulation report. */
    java.util.Map<String, Integer> requests();

    @Override
    void close();
}
