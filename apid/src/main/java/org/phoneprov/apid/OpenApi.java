package org.phoneprov.apid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.phoneprov.apid.http.ApiResponse;

/** The OpenAPI 3.1 description of the API, served as written in {@code openapi.json} beside this class. */
final class OpenApi {
    private static final byte[] DOCUMENT = load();

    private OpenApi() {
    }

    static ApiResponse document() {
        return new ApiResponse(200, ApiResponse.JSON, DOCUMENT, java.util.Map.of());
    }

    private static byte[] load() {
        try (InputStream in = OpenApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
