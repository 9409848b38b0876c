package org.phoneprov.apid.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.http.Json;
import org.phoneprov.common.daemon.SuiteControl;

/** {@code GET /api/v1/health}: the suite is up; which daemons listen where; what config serves. */
public final class HealthRoute {
    private final SuiteControl control;
    private final long startedAt = System.currentTimeMillis();

    public HealthRoute(SuiteControl control) {
        this.control = control;
    }

    public ApiResponse health(ApiRequest r) {
        ObjectNode o = Json.newObject();
        o.put("status", "ok");
        o.put("config", control.configFile().toString());
        o.put("devices", control.snapshot().config().devices().size());
        o.put("uptime_seconds", (System.currentTimeMillis() - startedAt) / 1000);
        ObjectNode d = o.putObject("listening");
        control.listening().forEach((name, a) -> d.put(name, a.getAddress().getHostAddress() + ":" + a.getPort()));
        return ApiResponse.json(200, o);
    }
}
