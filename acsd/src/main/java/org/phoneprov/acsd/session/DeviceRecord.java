package org.phoneprov.acsd.session;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.phoneprov.acsd.cwmp.Inform;

/**
 * What the ACS last heard from a device: its last Inform (identity, events, the parameters it
 * reported), when and from where, and the data model root it reports under.
 */
public record DeviceRecord(Inform lastInform, Instant at, InetAddress from, String root) {
    public List<String> events() {
        return lastInform.events().stream().map(Inform.EventStruct::code).toList();
    }
}
