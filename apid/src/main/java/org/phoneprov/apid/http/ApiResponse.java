package org.phoneprov.apid.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: status, media type, body and the headers it adds. */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json";
    public static final String PROBLEM = "application/problem+json";
    public static final String HTML = "text/html; charset=utf-8";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, JSON, Json.bytes(value), Map.of());
    }

    public static ApiResponse html(int status, String page) {
        return new ApiResponse(status, HTML, page.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static ApiResponse empty(int status) {
        return new ApiResponse(status, "", new byte[0], Map.of());
    }

    /** This response with one more header. */
    public ApiResponse with(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, contentType, body, h);
    }
}
