package org.phoneprov.apid.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phoneprov.apid.http.Json;
import org.phoneprov.apid.routes.EventRoutes;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.ProvisioningSnapshot;
import org.phoneprov.common.provision.ServedFile;

/**
 * Each phone's state as the events tell it: its last DHCP exchange, its last file fetch,
 * its last error, and which version of its own config it fetched last against the one
 * served now (the {@code config_sn} of an ST20xx MAC config, APS seed 2.1; the ETag of
 * files without one). Fed by the event writer after each batch, so a request pays nothing.
 */
public final class DeviceStates {
    private static final Pattern CONFIG_SN = Pattern.compile("(?m)^config_sn=(\\S+)");
    private final Supplier<ProvisioningSnapshot> snapshot;
    private final Map<Mac, State> states = new ConcurrentHashMap<>();
    /** What a phone fetched when it was a version from before the one served now. */
    static final String OLDER = "older";

    /** Mutable per phone, written by the one event thread, read by API calls: each slot is one reference. */
    private static final class State {
        volatile Event dhcp;
        volatile Event fetch;
        volatile Event error;
        volatile String fetchedVersion;
    }

    public DeviceStates(Supplier<ProvisioningSnapshot> snapshot) {
        this.snapshot = snapshot;
    }

    /** Takes in events in the order they were written. */
    public void accept(List<Event> events) {
        ProvisioningSnapshot s = snapshot.get();
        for (Event e : events) {
            accept(e, s);
        }
    }

    /** One event (the history at start is read this way: nothing but the states is kept). */
    public void accept(Event e) {
        accept(e, snapshot.get());
    }

    /**
     * Only phones of the inventory get a state: events also name MACs that a client made up
     * (DHCP from forged MACs), and those must not grow this table.
     */
    private void accept(Event e, ProvisioningSnapshot s) {
        if (e.device().isEmpty() || s.config().device(e.device().get()).isEmpty()) {
            return;
        }
        Mac mac = e.device().get();
        State st = states.computeIfAbsent(mac, m -> new State());
        if (e.daemon().equals("dhcpd")) {
            st.dhcp = e;
        } else if (e.daemon().equals("httpd") || e.daemon().equals("tftpd")) {
            st.fetch = e;
            Optional<ServedFile.Generated> own = s.macConfig(mac);
            if (ok(e) && own.isPresent() && own.get().name().equalsIgnoreCase(stripSlash(e.file()))) {
                // A fetch before the file last changed got an older version (also every fetch
                // of the history read at start, when the files are new to this process).
                st.fetchedVersion = e.time().toEpochMilli() >= own.get().lastModified() ? version(s, own.get()) : OLDER;
            }
        }
        if (failed(e)) {
            st.error = e;
        }
    }

    public ObjectNode state(Mac mac) {
        ObjectNode o = Json.newObject();
        State st = states.get(mac);
        ProvisioningSnapshot s = snapshot.get();
        Optional<String> served = s.macConfig(mac).map(g -> version(s, g));
        o.put("served_version", served.orElse(null));
        o.put("fetched_version", st == null ? null : st.fetchedVersion);
        o.put("up_to_date", st != null && st.fetchedVersion != null && served.map(st.fetchedVersion::equals)
                .orElse(false));
        o.set("last_dhcp", st == null || st.dhcp == null ? null : EventRoutes.json(st.dhcp));
        o.set("last_fetch", st == null || st.fetch == null ? null : EventRoutes.json(st.fetch));
        o.set("last_error", st == null || st.error == null ? null : EventRoutes.json(st.error));
        return o;
    }

    /** The served file's {@code config_sn}, or its ETag when it has none (Gigaset profiles, encrypted .ser). */
    static String version(ProvisioningSnapshot s, ServedFile.Generated g) {
        byte[] plain = s.plainText(g).orElse(g.bytes());
        Matcher m = CONFIG_SN.matcher(new String(plain, 0, Math.min(plain.length, 64 * 1024), StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : g.etag();
    }

    /** httpd records the request path ({@code /ST2030S_...txt}), tftpd the file name. */
    static String stripSlash(String file) {
        return file.startsWith("/") ? file.substring(1) : file;
    }

    static boolean ok(Event e) {
        return e.result().equals("200") || e.result().equals("ok");
    }

    /** An HTTP status of 400 or more, or a word other than the successful ones. */
    static boolean failed(Event e) {
        String r = e.result();
        if (!r.isEmpty() && Character.isDigit(r.charAt(0))) {
            return r.compareTo("400") >= 0 && r.length() == 3;
        }
        return !List.of("ok", "accepted", "answered", "ACK", "OFFER", "RELEASED", "released", "").contains(r);
    }
}
