package org.phoneprov.apid.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.apid.ApiSettings;

/**
 * One API call as the routes see it: no Netty types beyond the headers, so a route is
 * plain Java, tested by building one of these.
 *
 * @param path   the decoded path, without the query
 * @param caller the token that authenticated it; empty only for the public routes
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, HttpHeaders headers,
                         byte[] body, InetSocketAddress client, Optional<ApiSettings.Token> caller) {
    public ApiRequest {
        query = Map.copyOf(query);
    }

    /** The first value of a query parameter. */
    public Optional<String> param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public Optional<String> header(CharSequence name) {
        return Optional.ofNullable(headers.get(name));
    }

    public boolean isAdmin() {
        return caller.map(t -> t.role() == ApiSettings.Role.ADMIN).orElse(false);
    }

    public String callerName() {
        return caller.map(ApiSettings.Token::name).orElse("-");
    }
}
