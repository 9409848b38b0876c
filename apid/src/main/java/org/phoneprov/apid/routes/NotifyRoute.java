package org.phoneprov.apid.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.http.Json;
import org.phoneprov.apid.http.ProblemDetail;
import org.phoneprov.common.daemon.SuiteControl;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * {@code POST /api/v1/notify} with {@code {"mac": ...}}, {@code {"model": ...}} or
 * {@code {"all": true}}, and {@code "reboot": true} to reboot: check-sync as
 * {@code phoneprov notify} sends it (APS seed 3.4); the answer holds every phone's result.
 */
public final class NotifyRoute {
    private final SuiteControl control;

    public NotifyRoute(SuiteControl control) {
        this.control = control;
    }

    public ApiResponse notify(ApiRequest r) throws Json.BadRequest {
        ObjectNode body = Json.object(r.body());
        int chosen = (body.has("mac") ? 1 : 0) + (body.has("model") ? 1 : 0) + (body.path("all").asBoolean() ? 1 : 0);
        if (chosen != 1) {
            return ProblemDetail.of(422, "notify-target", "Say which phones",
                    "give exactly one of \"mac\", \"model\" or \"all\": true");
        }
        Optional<Mac> mac = Optional.empty();
        Optional<Model> model = Optional.empty();
        if (body.has("mac")) {
            mac = Mac.parse(body.get("mac").asText());
            if (mac.isEmpty()) {
                return ProblemDetail.of(422, "notify-target", "Not a MAC", "'" + body.get("mac").asText()
                        + "' is not a MAC address");
            }
        } else if (body.has("model")) {
            model = Model.parse(body.get("model").asText());
            if (model.isEmpty()) {
                return ProblemDetail.of(422, "notify-target", "Not a model", "'" + body.get("model").asText()
                        + "' is not a model this suite knows");
            }
        }
        SuiteControl.NotifyOutcome o = control.notify(mac, model, body.path("reboot").asBoolean(false));
        if (!o.errors().isEmpty()) {
            return ProblemDetail.of(mac.isPresent() && o.errors().get(0).contains("not in the inventory") ? 404 : 409,
                    "notify-refused", "Nothing was sent", String.join("; ", o.errors()));
        }
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (SuiteControl.PhoneNotified n : o.results()) {
            ObjectNode p = results.addObject();
            p.put("mac", n.mac().colon());
            p.put("target", n.target());
            p.put("result", n.result());
            p.put("detail", n.detail());
            p.put("millis", n.millis());
        }
        ObjectNode out = Json.newObject();
        out.put("sent", o.results().stream().filter(n -> !n.target().isEmpty()).count());
        out.set("results", results);
        return ApiResponse.json(200, out);
    }
}
