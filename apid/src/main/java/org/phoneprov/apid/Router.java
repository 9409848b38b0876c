package org.phoneprov.apid;

import java.util.Optional;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.http.Json;
import org.phoneprov.apid.http.ProblemDetail;
import org.phoneprov.apid.inventory.InventoryText;
import org.phoneprov.apid.routes.DeviceRoutes;
import org.phoneprov.apid.routes.EventRoutes;
import org.phoneprov.apid.routes.HealthRoute;
import org.phoneprov.apid.routes.LeaseRoutes;
import org.phoneprov.apid.routes.NotifyRoute;
import org.phoneprov.apid.routes.ReloadRoute;
import org.phoneprov.apid.routes.Routes;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.metrics.SuiteMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which route answers a call: every path of the API in one place, what the OpenAPI
 * document ({@code openapi.json}) describes. Runs off the event loop. A route's failure
 * is a 500 problem and one log line; the server keeps serving.
 */
final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    static final String V1 = "/api/v1/";

    private final DeviceRoutes devices;
    private final EventRoutes events;
    private final LeaseRoutes leases;
    private final NotifyRoute notify;
    private final ReloadRoute reload;
    private final HealthRoute health;
    private final SuiteMetrics metrics;

    Router(Routes routes, SuiteMetrics metrics) {
        this.devices = routes.devices();
        this.events = routes.events();
        this.leases = routes.leases();
        this.notify = routes.checkSync();
        this.reload = routes.reload();
        this.health = routes.health();
        this.metrics = metrics;
    }

    /** Paths anyone may read: the API's description holds no secret. */
    static boolean isPublic(String method, String path) {
        return method.equals("GET") && path.equals(V1 + "openapi.json");
    }

    ApiResponse route(ApiRequest r) {
        try {
            return dispatch(r);
        } catch (Json.BadRequest e) {
            return ProblemDetail.of(400, "bad-body", "The body cannot be read", e.getMessage());
        } catch (InventoryText.Unreadable e) {
            return ProblemDetail.of(409, "inventory-unreadable", "The inventory file cannot be read",
                    e.getMessage() + " (fix the file by hand; the API changes nothing until it reads)");
        } catch (Exception e) {
            LOG.error("api.error method={} path={} error=\"{}\"", r.method(), r.path(), e.toString());
            return ProblemDetail.of(500, "internal", "The call failed", e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    private ApiResponse dispatch(ApiRequest r) throws Exception {
        String m = r.method();
        String p = r.path();
        if (p.equals("/metrics") && m.equals("GET")) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(16 * 1024);
            metrics.writeText(out);
            return new ApiResponse(200, metrics.contentType(), out.toByteArray(), java.util.Map.of());
        }
        if (!p.startsWith(V1)) {
            return notFound(r);
        }
        String rest = p.substring(V1.length());
        boolean read = m.equals("GET") || m.equals("HEAD");
        if (!read && !r.isAdmin()) {
            return ProblemDetail.of(403, "read-only-token", "This token may only read",
                    "the token '" + r.callerName() + "' has role: read");
        }
        switch (rest) {
            case "openapi.json":
                return read ? OpenApi.document() : notAllowed("GET");
            case "health":
                return read ? health.health(r) : notAllowed("GET");
            case "devices":
                return read ? devices.list(r) : m.equals("POST") ? devices.create(r) : notAllowed("GET, POST");
            case "leases":
                return read ? leases.list(r) : notAllowed("GET");
            case "events":
                return read ? events.list(r) : notAllowed("GET");
            case "notify":
                return m.equals("POST") ? notify.notify(r) : notAllowed("POST");
            case "reload":
                return m.equals("POST") ? reload.reload(r) : notAllowed("POST");
            default:
                break;
        }
        if (rest.startsWith("devices/")) {
            Optional<Mac> mac = Mac.parse(rest.substring("devices/".length()));
            if (mac.isEmpty()) {
                return ProblemDetail.of(404, "no-such-device", "Not a MAC", "'" + rest.substring(8)
                        + "' is not a MAC address");
            }
            return switch (m) {
                case "GET", "HEAD" -> devices.show(r, mac.get());
                case "PUT" -> devices.put(r, mac.get());
                case "DELETE" -> devices.delete(r, mac.get());
                default -> notAllowed("GET, PUT, DELETE");
            };
        }
        return notFound(r);
    }

    private static ApiResponse notFound(ApiRequest r) {
        return ProblemDetail.of(404, "no-such-path", "No such path", r.path() + " is not a path of this API (see "
                + V1 + "openapi.json)");
    }

    private static ApiResponse notAllowed(String allow) {
        return ProblemDetail.of(405, "method-not-allowed", "Method not allowed", "this path takes " + allow)
                .with("Allow", allow);
    }
}
