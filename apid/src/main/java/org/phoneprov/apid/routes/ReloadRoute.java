package org.phoneprov.apid.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.http.Json;
import org.phoneprov.apid.http.ProblemDetail;
import org.phoneprov.common.daemon.SuiteControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/v1/reload}: what SIGHUP does; 422 with the located errors when the config on disk is invalid. */
public final class ReloadRoute {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadRoute.class);
    private final SuiteControl control;

    public ReloadRoute(SuiteControl control) {
        this.control = control;
    }

    public ApiResponse reload(ApiRequest r) {
        LOG.info("config.reload_requested by=api caller={}", r.callerName());
        SuiteControl.ReloadOutcome o = control.reload();
        return o.applied() ? ApiResponse.json(200, json(o)) : ProblemDetail.invalid(o.problems());
    }

    static ObjectNode json(SuiteControl.ReloadOutcome o) {
        ObjectNode j = Json.newObject();
        j.put("applied", o.applied());
        j.set("restart_needed", Json.MAPPER.valueToTree(o.waiting()));
        j.set("refused", Json.MAPPER.valueToTree(o.refused()));
        j.set("errors", Json.MAPPER.valueToTree(o.problems().stream().map(Object::toString).toList()));
        return j;
    }
}
