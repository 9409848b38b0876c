package org.phoneprov.phonesim.phone;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.phoneprov.phonesim.aps.FetchRecord;
import org.phoneprov.phonesim.aps.LcdMessage;
import org.phoneprov.phonesim.aps.RunResult;
import org.phoneprov.phonesim.aps.VlanDecision;
import org.phoneprov.phonesim.dhcp.DhcpLease;
import org.phoneprov.phonesim.dhcp.DhcpResult;

/**
 * What happened in one boot (or check-sync) of one phone, reboots after upgrades
 * included: for the simulator's report and for tests.
 *
 * @param lcd          the message of seed 2.6 the phone shows, when it failed to provision
 * @param runs         each provisioning run, in order (one more than {@code reboots}, unless it stopped early)
 * @param dhcp         the last DHCP exchange, when there was one
 * @param lease        the lease the phone ended with
 * @param handshakeVlan the VLAN the last DHCP handshake was tagged with (seed 4.5.2's "[Tag1s DHCP(...)]")
 * @param vlan         the VLAN in effect for provisioning and after
 * @param dhcpTime     time spent in DHCP, all reboots together
 * @param provisioningTime time spent in provisioning runs, retries included
 * @param accounts     a provisioned SIP phone's registrable lines, read from what it applied ({@link SipAccounts})
 * @param problems     what keeps a provisioned phone from working though provisioning succeeded: line 1
 *                     without a SIP account, an incomplete line ({@link SipAccounts#problems()}); the
 *                     outcome stays {@link Outcome#PROVISIONED}, since the APS run itself did not fail
 */
public record BootReport(Outcome outcome, Optional<LcdMessage> lcd, String detail, List<RunResult> runs,
                         int reboots, Optional<DhcpResult> dhcp, Optional<DhcpLease> lease,
                         VlanDecision handshakeVlan, VlanDecision vlan, Duration dhcpTime,
                         Duration provisioningTime, Duration total, List<SipAccounts.Account> accounts,
                         List<String> problems) {
    public enum Outcome {
        /** The last run found nothing more to upgrade, or upgraded and needs no further reboot. */
        PROVISIONED,
        /** A run failed: {@link #lcd()} is what the phone shows. */
        FAILED,
        /** No lease: the phone cannot reach anything. */
        DHCP_FAILED,
        /** Nothing tells the phone where its INF is (no pre-configured server, no DHCP option). */
        NO_SERVER,
        /** Still upgrading after the allowed number of reboots in a row (a server that always serves "new" files). */
        REBOOT_LIMIT
    }

    public BootReport {
        runs = List.copyOf(runs);
        accounts = List.copyOf(accounts);
        problems = List.copyOf(problems);
    }

    /** Every request of every run, in order. */
    public List<FetchRecord> fetches() {
        return runs.stream().flatMap(r -> r.fetches().stream()).toList();
    }

    /** Requests per transport ({@code http}, {@code tftp}). */
    public Map<String, Integer> requestsByTransport() {
        Map<String, Integer> out = new TreeMap<>();
        fetches().forEach(f -> out.merge(f.transport(), 1, Integer::sum));
        return out;
    }

    /** Bytes received per transport. */
    public Map<String, Long> bytesByTransport() {
        Map<String, Long> out = new TreeMap<>();
        fetches().forEach(f -> out.merge(f.transport(), f.bytes(), Long::sum));
        return out;
    }

    public boolean provisioned() {
        return outcome == Outcome.PROVISIONED;
    }

    @Override
    public String toString() {
        return outcome + lcd.map(m -> " \"" + m.text() + "\"").orElse("") + " after " + runs.size() + " run(s), "
                + reboots + " reboot(s): " + detail + (problems.isEmpty() ? "" : "; problems: " + String.join("; ", problems));
    }
}
