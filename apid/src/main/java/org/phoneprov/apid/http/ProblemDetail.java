package org.phoneprov.apid.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.phoneprov.common.config.Problem;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}): {@code type},
 * {@code title}, {@code status}, {@code detail}, and for a refused config change the
 * extension member {@code errors}, the located lines {@code phoneprov check} prints.
 * The types are relative URIs under the API's documentation, one per kind of error.
 */
public final class ProblemDetail {
    static final String TYPES = "/api/v1/problems/";

    private ProblemDetail() {
    }

    public static ApiResponse of(int status, String type, String title, String detail) {
        ObjectNode o = base(status, type, title);
        if (detail != null && !detail.isEmpty()) {
            o.put("detail", detail);
        }
        return new ApiResponse(status, ApiResponse.PROBLEM, Json.bytes(o), java.util.Map.of());
    }

    /** 401 and 403-like refusals say nothing of why: no detail, nothing to probe with. */
    public static ApiResponse bare(int status, String title) {
        return new ApiResponse(status, ApiResponse.PROBLEM, Json.bytes(base(status, null, title)), java.util.Map.of());
    }

    /** 422: the change would make the config invalid; nothing was written. */
    public static ApiResponse invalid(List<Problem> problems) {
        ObjectNode o = base(422, "invalid-config", "The change would make the config invalid");
        o.put("detail", problems.size() + (problems.size() == 1 ? " error" : " errors")
                + "; nothing was written");
        ArrayNode errors = o.putArray("errors");
        for (Problem p : problems) {
            ObjectNode e = errors.addObject();
            e.put("file", p.at().file().toString());
            e.put("line", p.at().line());
            e.put("column", p.at().column());
            e.put("key", p.key() == null ? "" : p.key());
            e.put("message", p.message());
            e.put("text", p.toString());
        }
        return new ApiResponse(422, ApiResponse.PROBLEM, Json.bytes(o), java.util.Map.of());
    }

    private static ObjectNode base(int status, String type, String title) {
        ObjectNode o = Json.newObject();
        o.put("type", type == null ? "about:blank" : TYPES + type);
        o.put("title", title);
        o.put("status", status);
        return o;
    }
}
