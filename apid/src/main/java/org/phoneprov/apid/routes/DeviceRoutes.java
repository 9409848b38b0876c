package org.phoneprov.apid.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.http.Json;
import org.phoneprov.apid.http.ProblemDetail;
import org.phoneprov.apid.inventory.DeviceFiles;
import org.phoneprov.apid.inventory.InventoryText;
import org.phoneprov.apid.state.DeviceStates;
import org.phoneprov.common.config.Problem;
import org.phoneprov.common.daemon.SuiteControl;
import org.phoneprov.common.io.AtomicFile;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.events.EventQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/devices}: the inventory as JSON, and changes to it. A change is checked
 * exactly as {@code phoneprov check} would check the files with it written (422 with the
 * located errors, nothing written, otherwise), written atomically in place with every other
 * line and comment kept, then reloaded as SIGHUP does. Changes take turns; each one checks
 * its {@code If-Match} against the file as it is on disk at that moment, so of two edits
 * made from the same version the second is refused (412), and none is lost.
 */
public final class DeviceRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRoutes.class);
    private final SuiteControl control;
    private final DeviceStates states;

    public DeviceRoutes(SuiteControl control, DeviceStates states) {
        this.control = control;
        this.states = states;
    }

    private DeviceFiles files() {
        return new DeviceFiles(control.configFile(), control.snapshot().config().paths());
    }

    public ApiResponse list(ApiRequest r) throws IOException, InventoryText.Unreadable {
        return ApiResponse.json(200, listJson());
    }

    /** Every device with its state, as {@code GET /api/v1/devices} and the dashboard show it. */
    public ArrayNode listJson() throws IOException, InventoryText.Unreadable {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (DeviceFiles.Located l : files().all()) {
            Mac mac = l.entry().mac().orElseThrow();
            ObjectNode o = out.addObject();
            o.put("mac", mac.colon());
            o.put("model", l.entry().value().path("model").asText(""));
            o.put("file", l.file().toString());
            o.put("etag", l.etag());
            o.set("state", states.state(mac));
        }
        return out;
    }

    public ApiResponse show(ApiRequest r, Mac mac) throws IOException, InventoryText.Unreadable {
        Optional<ObjectNode> o = showJson(mac);
        return o.isEmpty() ? notFound(mac) : ApiResponse.json(200, o.get()).with("ETag", o.get().get("etag").asText());
    }

    /** One device as written, its state and its trail (its last 200 events); empty when it is not in the inventory. */
    public Optional<ObjectNode> showJson(Mac mac) throws IOException, InventoryText.Unreadable {
        Optional<DeviceFiles.Located> l = files().find(mac);
        if (l.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode o = Json.newObject();
        o.set("device", l.get().entry().value());
        o.put("file", l.get().file().toString());
        o.put("etag", l.get().etag());
        o.set("state", states.state(mac));
        o.set("trail", EventRoutes.json(control.events(EventQuery.last(Optional.of(mac), 200))));
        return Optional.of(o);
    }

    /** POST /api/v1/devices: a new device; 409 when its MAC is in the inventory already. */
    public synchronized ApiResponse create(ApiRequest r) throws Json.BadRequest, IOException, InventoryText.Unreadable {
        ObjectNode body = Json.object(r.body());
        Optional<Mac> mac = Optional.ofNullable(body.get("mac")).flatMap(m -> Mac.parse(m.asText()));
        if (mac.isEmpty()) {
            return ProblemDetail.of(422, "no-mac", "The device needs a MAC", "give \"mac\": \"00:14:7F:..\"");
        }
        return add(r, mac.get(), body);
    }

    /** PUT /api/v1/devices/{mac}: change one (If-Match), or add it (If-None-Match: * or no entry yet). */
    public synchronized ApiResponse put(ApiRequest r, Mac mac) throws Json.BadRequest, IOException,
            InventoryText.Unreadable {
        ObjectNode body = Json.object(r.body());
        if (body.has("mac") && !Mac.parse(body.get("mac").asText()).equals(Optional.of(mac))) {
            return ProblemDetail.of(422, "mac-mismatch", "The body names another MAC",
                    "the path says " + mac.colon() + ", the body " + body.get("mac").asText());
        }
        Optional<DeviceFiles.Located> l = files().find(mac);
        if (l.isEmpty()) {
            return add(r, mac, body);
        }
        if (r.header("If-None-Match").isPresent()) {
            return exists(mac);
        }
        Optional<ApiResponse> refused = precondition(r, l.get());
        if (refused.isPresent()) {
            return refused.get();
        }
        ObjectNode device = withMac(body, mac);
        String text = l.get().text().replace(l.get().entry(), device);
        return write(r, l.get().file(), text, 200, "changed", mac, Optional.of(DeviceFiles.etag(device)));
    }

    /** DELETE /api/v1/devices/{mac}, with If-Match. */
    public synchronized ApiResponse delete(ApiRequest r, Mac mac) throws IOException, InventoryText.Unreadable {
        Optional<DeviceFiles.Located> l = files().find(mac);
        if (l.isEmpty()) {
            return notFound(mac);
        }
        Optional<ApiResponse> refused = precondition(r, l.get());
        if (refused.isPresent()) {
            return refused.get();
        }
        return write(r, l.get().file(), l.get().text().remove(l.get().entry()), 204, "deleted", mac, Optional.empty());
    }

    private ApiResponse add(ApiRequest r, Mac mac, ObjectNode body) throws IOException, InventoryText.Unreadable {
        DeviceFiles f = files();
        if (f.find(mac).isPresent()) {
            return exists(mac);
        }
        Path file = f.newDevicesFile();
        InventoryText text = f.read().get(file);
        ObjectNode device = withMac(body, mac);
        return write(r, file, text.append(device), 201, "added", mac, Optional.of(DeviceFiles.etag(device)));
    }

    /** A change to a device that exists needs the version it was made from: RFC 9110 13.1.1, RFC 6585 3. */
    private static Optional<ApiResponse> precondition(ApiRequest r, DeviceFiles.Located l) {
        Optional<String> ifMatch = r.header("If-Match");
        if (ifMatch.isEmpty()) {
            return Optional.of(ProblemDetail.of(428, "if-match-required", "Say which version you changed",
                    "send If-Match with the device's ETag (" + l.etag() + ", from GET)").with("ETag", l.etag()));
        }
        if (!ifMatch.get().strip().equals("*") && !List.of(ifMatch.get().split("\\s*,\\s*")).contains(l.etag())) {
            return Optional.of(ProblemDetail.of(412, "changed-meanwhile", "The device changed since you read it",
                    "its ETag is now " + l.etag() + "; GET it again and redo the change").with("ETag", l.etag()));
        }
        return Optional.empty();
    }

    private ApiResponse write(ApiRequest r, Path file, String text, int status, String what, Mac mac,
                              Optional<String> etag) {
        List<Problem> problems = control.check(Map.of(file, text));
        if (!problems.isEmpty()) {
            LOG.info("api.change_refused caller={} mac={} action={} errors={}", r.callerName(), mac.colon(), what,
                    problems.size());
            return ProblemDetail.invalid(problems);
        }
        try {
            AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.error("api.write_failed file={} error=\"{}\"", file, e.toString());
            return ProblemDetail.of(500, "write-failed", "The inventory could not be written", "cannot write "
                    + file + ": " + e.getMessage() + " (the API writes the inventory in place: give the service"
                    + " write access to that file and its folder); nothing changed");
        }
        SuiteControl.ReloadOutcome reload = control.reload();
        LOG.info("api.device_{} caller={} mac={} file={} reloaded={}", what, r.callerName(), mac.colon(), file,
                reload.applied());
        ObjectNode o = Json.newObject();
        o.put("mac", mac.colon());
        o.put("result", what);
        o.put("file", file.toString());
        etag.ifPresent(t -> o.put("etag", t));
        o.set("reload", ReloadRoute.json(reload));
        ApiResponse out = status == 204 ? ApiResponse.empty(204) : ApiResponse.json(status, o);
        if (status == 201) {
            out = out.with("Location", "/api/v1/devices/" + mac.colon());
        }
        return etag.isPresent() ? out.with("ETag", etag.get()) : out;
    }

    private static ObjectNode withMac(ObjectNode body, Mac mac) {
        ObjectNode d = Json.newObject();
        d.put("mac", mac.colon());
        body.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("mac")) {
                d.set(e.getKey(), e.getValue());
            }
        });
        return d;
    }

    private static ApiResponse notFound(Mac mac) {
        return ProblemDetail.of(404, "no-such-device", "No such device", mac.colon() + " is not in the inventory");
    }

    private static ApiResponse exists(Mac mac) {
        return ProblemDetail.of(409, "device-exists", "The device exists", mac.colon()
                + " is in the inventory already; change it with PUT and If-Match");
    }
}
