package org.phoneprov.apid.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.http.Json;
import org.phoneprov.common.config.SubnetConfig;
import org.phoneprov.common.daemon.SuiteControl;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.net.Ip4;

/** {@code GET /api/v1/leases}: dhcpd's leases, and per pool how many are bound and free. */
public final class LeaseRoutes {
    private final SuiteControl control;

    public LeaseRoutes(SuiteControl control) {
        this.control = control;
    }

    public ApiResponse list(ApiRequest r) throws StoreException {
        return ApiResponse.json(200, json());
    }

    /** The leases and the per-pool counts, as {@code GET /api/v1/leases} and the dashboard show them. */
    public ObjectNode json() throws StoreException {
        List<SuiteControl.LeaseRow> rows = control.leases();
        long now = System.currentTimeMillis();
        ObjectNode out = Json.newObject();
        ArrayNode leases = out.putArray("leases");
        for (SuiteControl.LeaseRow l : rows) {
            ObjectNode o = leases.addObject();
            o.put("address", l.address());
            o.put("mac", l.mac().colon());
            o.put("class", l.clientClass());
            o.put("expires", Instant.ofEpochMilli(l.expiresAtMillis()).toString());
            o.put("state", bound(l, now) ? "active" : l.state().equals("active") ? "expired" : l.state());
        }
        out.set("pools", pools(rows, now));
        return out;
    }

    private ArrayNode pools(List<SuiteControl.LeaseRow> rows, long now) {
        ArrayNode pools = Json.MAPPER.createArrayNode();
        for (SubnetConfig s : control.snapshot().config().dhcp().subnets()) {
            for (SubnetConfig.AddressRange p : s.pools()) {
                long first = Integer.toUnsignedLong(Ip4.toInt(p.first()));
                long last = Integer.toUnsignedLong(Ip4.toInt(p.last()));
                long active = rows.stream().filter(l -> bound(l, now)).mapToLong(l -> Integer.toUnsignedLong(
                        Ip4.parse(l.address()))).filter(a -> a >= first && a <= last).count();
                ObjectNode o = pools.addObject();
                o.put("subnet", s.subnet().toString());
                o.put("pool", p.toString());
                o.put("size", last - first + 1);
                o.put("active", active);
                o.put("free", last - first + 1 - active);
            }
        }
        return pools;
    }

    static boolean bound(SuiteControl.LeaseRow l, long now) {
        return l.state().equals("active") && l.expiresAtMillis() > now;
    }
}
