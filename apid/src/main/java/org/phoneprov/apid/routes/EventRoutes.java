package org.phoneprov.apid.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.http.Json;
import org.phoneprov.apid.http.ProblemDetail;
import org.phoneprov.common.daemon.SuiteControl;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventQuery;
import org.phoneprov.common.mac.Mac;

/** {@code GET /api/v1/events?mac=&daemon=&since=&until=&limit=}: the event history, filtered, oldest first. */
public final class EventRoutes {
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 10_000;
    private final SuiteControl control;

    public EventRoutes(SuiteControl control) {
        this.control = control;
    }

    public ApiResponse list(ApiRequest r) throws IOException {
        Optional<Mac> m = Optional.empty();
        Optional<String> mac = r.param("mac");
        if (mac.isPresent()) {
            m = Mac.parse(mac.get());
            if (m.isEmpty()) {
                return bad("mac", "'" + mac.get() + "' is not a MAC address");
            }
        }
        Optional<String> daemon = r.param("daemon");
        Optional<Instant> since;
        Optional<Instant> until;
        try {
            since = r.param("since").map(Instant::parse);
            until = r.param("until").map(Instant::parse);
        } catch (DateTimeParseException e) {
            return bad("since/until", "a time is ISO 8601 UTC, e.g. 2026-12-04T05:00:00Z");
        }
        int limit;
        try {
            limit = Integer.parseInt(r.param("limit").orElse(String.valueOf(DEFAULT_LIMIT)));
        } catch (NumberFormatException e) {
            return bad("limit", "a number from 1 to " + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return bad("limit", "a number from 1 to " + MAX_LIMIT);
        }
        return ApiResponse.json(200, json(control.events(new EventQuery(m, daemon, since, until, limit))));
    }

    private static ApiResponse bad(String param, String detail) {
        return ProblemDetail.of(400, "bad-parameter", "Bad query parameter " + param, detail);
    }

    public static ArrayNode json(List<Event> events) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        events.forEach(e -> a.add(json(e)));
        return a;
    }

    public static ObjectNode json(Event e) {
        ObjectNode o = Json.newObject();
        o.put("time", e.time().toString());
        o.put("daemon", e.daemon());
        o.put("action", e.action());
        o.put("mac", e.device().map(Mac::colon).orElse(null));
        o.put("file", e.file());
        o.put("result", e.result());
        o.put("bytes", e.bytes());
        o.put("micros", e.micros());
        o.put("client", e.client().map(c -> c.getAddress().getHostAddress() + ":" + c.getPort()).orElse(null));
        return o;
    }
}
