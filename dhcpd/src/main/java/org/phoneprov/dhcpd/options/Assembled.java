package org.phoneprov.dhcpd.options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * What a reply carries besides address, message type (53) and server id (54), which the
 * server adds itself.
 *
 * @param options    code → value (without code and length), in the order to write them:
 *                   the client's option 55 order first, then the rest. A fresh map with
 *                   fresh arrays per call: the caller may change it.
 * @param nextServer the BOOTP {@code siaddr} as a big-endian IPv4 int; 0 for none
 * @param file       the BOOTP {@code file} field (seed 4.2)
 * @param sname      the BOOTP {@code sname} field
 * @param notes      what the admin may want to know about this reply (left-out options and
 *                   why), for one log line; empty when nothing is worth saying
 */
public record Assembled(LinkedHashMap<Integer, byte[]> options, int nextServer, Optional<String> file,
                        Optional<String> sname, List<String> notes) {
    public Assembled {
        notes = List.copyOf(notes);
    }
}
