package org.phoneprov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.phoneprov.common.config.HaSettings;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.dhcpd.ha.HaStatusQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phoneprov ha status}: the state of a dhcpd HA pair (dhcpd.ha), as Kea's status-get tells it. */
@Command(name = "ha", description = "The dhcpd high-availability pair (dhcpd.ha).")
final class HaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "status", description = "Ask the running dhcpd of this node (or --node) for its HA state:"
            + " exit 0 when it serves as it should (normal state, or partner-down), 1 otherwise.")
    int status(@Mixin ConfigOption options,
               @Option(names = "--node", paramLabel = "NAME", description = "Which node of the pair to ask"
                       + " (default: this_node).") Optional<String> node,
               @Option(names = "--json", description = "Print the node's answer as JSON.") boolean json) {
        Quiet.logs();
        Optional<SuiteConfig> loaded = options.load();
        if (loaded.isEmpty()) {
            return 1;
        }
        Optional<HaSettings> ha = loaded.get().dhcp().ha();
        if (ha.isEmpty()) {
            System.err.println("phoneprov: " + options.config + " has no dhcpd.ha section: dhcpd runs alone");
            return 1;
        }
        String asked = node.orElse(ha.get().thisNode());
        if (ha.get().peerNamed(asked).isEmpty()) {
            System.err.println("phoneprov: no peer named '" + asked + "' in dhcpd.ha.peers");
            return 1;
        }
        ObjectNode s;
        try {
            s = HaStatusQuery.ask(ha.get(), asked);
        } catch (Exception e) {
            System.err.println("phoneprov: ha status: " + e.getMessage());
            return 1;
        }
        s.remove("_clock");
        if (json) {
            System.out.println(s.toPrettyString());
        } else {
            System.out.printf("node %s (%s, %s): %s, serving %s%n", text(s, "node"), text(s, "role"), text(s, "mode"),
                    text(s, "state"), text(s, "serving"));
            System.out.printf("  since %s: %s%n", Instant.ofEpochMilli(s.path("state_since_ms").asLong()),
                    text(s, "reason"));
            System.out.printf("  partner %s at %s: %s%s%n", text(s, "partner"), text(s, "partner_at"),
                    text(s, "partner_state"), s.path("communication_interrupted").asBoolean()
                            ? " (not answering; " + s.path("unacked_clients").asInt() + " of its clients unanswered)"
                            : "");
            System.out.printf("  leases: store %s; updates sent %d, failed %d, received %d, conflicts %d%n",
                    text(s, "store"), s.path("lease_updates_sent").asLong(), s.path("lease_updates_failed").asLong(),
                    s.path("lease_updates_received").asLong(), s.path("conflicts").asLong());
        }
        String state = text(s, "state");
        return state.equals("hot-standby") || state.equals("load-balancing") || state.equals("partner-down") ? 0 : 1;
    }

    private static String text(JsonNode n, String key) {
        return n.path(key).asText("?");
    }
}
