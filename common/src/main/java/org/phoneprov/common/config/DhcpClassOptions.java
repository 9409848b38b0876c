package org.phoneprov.common.config;

import java.util.List;
import java.util.Optional;

/**
 * What dhcpd tells the phones of one class.
 *
 * @param provision what the suite fills in itself from the model's files: HTTP puts the
 *                  model's INF URL in option 43 (APS seed 2.5); TFTP puts the TFTP server
 *                  in 66 and 150, the INF name in 67 and in the BOOTP {@code file} field
 *                  (seed 2.4, 4.2) and next-server in siaddr
 * @param vlan      options 190/191/192 (seed 4.3-4.4), sent only when the phone asks for them
 * @param options   any other option, by code and type, in the order written
 */
public record DhcpClassOptions(
        Provision provision,
        Optional<Vlan> vlan,
        List<OptionSpec> options,
        Optional<String> file,
        Optional<String> sname,
        Optional<Integer> leaseSeconds) {

    public enum Provision { HTTP, TFTP, NONE }

    /** Seed 4.4.3: enable flag (1 byte), voice VLAN id (2 bytes), data VLAN id (2 bytes). */
    public record Vlan(int enable, int voice, int data) {
    }

    public DhcpClassOptions {
        options = List.copyOf(options);
    }

    public static DhcpClassOptions none() {
        return new DhcpClassOptions(Provision.NONE, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
