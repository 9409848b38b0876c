package org.phoneprov.phonesim.net;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.phonesim.fetch.FetchResult;

/**
 * What one HTTP request came to, for a client that reads the status itself: a Gigaset
 * follows redirects and answers digest challenges, where an ST20xx takes 200 or fails.
 */
public sealed interface HttpReply {
    /** A response, whatever its status; header names are lower case. */
    record Answered(int status, Map<String, List<String>> headers, byte[] body) implements HttpReply {
        public Answered {
            headers = Map.copyOf(headers);
        }

        /** Every value of a field, in the order received ({@code WWW-Authenticate} may come once per algorithm). */
        public List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
        }

        public Optional<String> first(String name) {
            return all(name).stream().findFirst();
        }
    }

    /** No response: the server was unreachable, or the response broke off ({@link FetchResult.Unreachable}, {@link FetchResult.Failed}). */
    record NoAnswer(FetchResult failure) implements HttpReply {
    }
}
