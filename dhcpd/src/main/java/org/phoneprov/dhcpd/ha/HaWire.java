package org.phoneprov.dhcpd.ha;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.LeaseState;

/**
 * The JSON of HA messages: a lease as {@code {"address": "10.77.1.5", "mac": "0014...",
 * "class": "st2030", "expires": ms, "state": "ACTIVE", "updated": ms}}. What a partner sent is
 * untrusted until checked here: a field missing or of the wrong kind makes the whole message
 * refused, never half applied.
 */
public final class HaWire {
    static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    public static final String HEARTBEAT = "/ha/v1/heartbeat";
    public static final String LEASE_UPDATES = "/ha/v1/lease-updates";
    public static final String LEASES = "/ha/v1/leases";
    public static final String STATUS = "/ha/v1/status";

    private HaWire() {
    }

    /** A message that is not what its path promises. */
    public static final class BadMessage extends Exception {
        public BadMessage(String message) {
            super(message, null, false, false);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode parse(byte[] body) throws BadMessage {
        try {
            JsonNode n = JSON.readTree(body);
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            throw new BadMessage("not JSON: " + e.getMessage());
        }
        throw new BadMessage("not a JSON object");
    }

    static ObjectNode lease(Lease l) {
        ObjectNode o = object();
        o.put("address", org.phoneprov.common.net.Ip4.toString(l.address()));
        o.put("mac", l.mac().hex());
        o.put("class", l.clientClass());
        o.put("expires", l.expiresAt());
        o.put("state", l.state().name());
        o.put("updated", l.updatedAt());
        return o;
    }

    static ArrayNode leases(List<Lease> leases) {
        ArrayNode a = JSON.createArrayNode();
        leases.forEach(l -> a.add(lease(l)));
        return a;
    }

    static List<Lease> leases(JsonNode array) throws BadMessage {
        if (array == null || !array.isArray()) {
            throw new BadMessage("'leases' is not a list");
        }
        List<Lease> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            out.add(lease(n));
        }
        return out;
    }

    static Lease lease(JsonNode n) throws BadMessage {
        if (!(n instanceof ObjectNode o)) {
            throw new BadMessage("a lease is not an object");
        }
        Optional<Integer> address = Optional.ofNullable(o.get("address")).filter(JsonNode::isTextual)
                .flatMap(t -> org.phoneprov.common.net.Addresses.parseLiteral(t.asText()))
                .filter(a -> a.getAddress().length == 4).map(org.phoneprov.common.net.Ip4::toInt);
        Optional<Mac> mac = Optional.ofNullable(o.get("mac")).filter(JsonNode::isTextual).flatMap(t -> Mac.parse(t.asText()));
        JsonNode cls = o.get("class");
        JsonNode expires = o.get("expires");
        JsonNode updated = o.get("updated");
        Optional<LeaseState> state = Optional.ofNullable(o.get("state")).filter(JsonNode::isTextual).flatMap(t -> {
            for (LeaseState s : LeaseState.values()) {
                if (s.name().equals(t.asText())) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        });
        if (address.isEmpty() || mac.isEmpty() || state.isEmpty() || cls == null || !cls.isTextual()
                || cls.asText().length() > 64 || expires == null || !expires.canConvertToLong()
                || updated == null || !updated.canConvertToLong()) {
            throw new BadMessage("a lease needs address (IPv4), mac, class (text), expires and updated (ms), state; got "
                    + truncate(o.toString()));
        }
        return new Lease(address.get(), mac.get(), cls.asText(), expires.asLong(), state.get(), updated.asLong());
    }

    static String text(ObjectNode o, String key) throws BadMessage {
        JsonNode n = o.get(key);
        if (n == null || !n.isTextual()) {
            throw new BadMessage("'" + key + "' is missing or not text");
        }
        return n.asText();
    }

    private static String truncate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
