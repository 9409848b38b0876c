package org.phoneprov.dhcpd.options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phoneprov.common.dhcp.DhcpOption;

/**
 * The order options are written in. The encoder writes them in map order and leaves out
 * what does not fit, so what the client asked for comes first, in the order of its
 * option 55 (RFC 2132 9.8), then the rest in the order they were assembled. One fix-up:
 * RFC 2132 3.3 says the subnet mask MUST come before the router option when both are sent.
 */
final class RequestOrder {
    private RequestOrder() {
    }

    static LinkedHashMap<Integer, byte[]> apply(Map<Integer, byte[]> assembled, List<Integer> parameterRequestList) {
        LinkedHashMap<Integer, byte[]> out = new LinkedHashMap<>();
        for (Integer code : parameterRequestList) {
            if (code != null && assembled.containsKey(code)) {
                out.putIfAbsent(code, assembled.get(code));
            }
        }
        assembled.forEach(out::putIfAbsent);
        return maskBeforeRouter(out);
    }

    private static LinkedHashMap<Integer, byte[]> maskBeforeRouter(LinkedHashMap<Integer, byte[]> in) {
        if (!in.containsKey(DhcpOption.SUBNET_MASK.code()) || !in.containsKey(DhcpOption.ROUTER.code())) {
            return in;
        }
        for (Integer code : in.keySet()) {
            if (code == DhcpOption.SUBNET_MASK.code()) {
                return in;
            }
            if (code == DhcpOption.ROUTER.code()) {
                break;
            }
        }
        LinkedHashMap<Integer, byte[]> out = new LinkedHashMap<>();
        byte[] mask = in.get(DhcpOption.SUBNET_MASK.code());
        in.forEach((code, value) -> {
            if (code == DhcpOption.ROUTER.code()) {
                out.put(DhcpOption.SUBNET_MASK.code(), mask);
            }
            if (code != DhcpOption.SUBNET_MASK.code()) {
                out.put(code, value);
            }
        });
        return out;
    }
}
