package org.phoneprov.phonesim.sim;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.phoneprov.phonesim.phone.BootReport;
import org.phoneprov.phonesim.phone.PhoneIdentity;

/**
 * What an admin asks after a simulation: did every phone come up, why not, how long it
 * took, and how much each daemon was asked.
 *
 * @param phones        one line per phone
 * @param allBootedIn   from the first power-up to the last phone done (provisioned or failed)
 * @param failures      phones per outcome, with the server's reason where the LCD text misleads ({@link FailureCause})
 * @param addresses     which addresses the phones sent from, as the servers saw them
 * @param sharedHint    why many failed at once when they shared one address and hit a per-address limit; else empty
 * @param problems      what keeps provisioned phones from working ({@link BootReport#problems()}: e.g. line 1
 *                      without a SIP account), each with the MACs of the phones that have it, as of their last run
 */
public record SimulationReport(List<PhoneLine> phones, Duration allBootedIn, Map<String, Integer> failures,
                               Map<String, Long> requests, Map<String, Long> bytes, int checkSyncsObeyed,
                               int checkSyncsIgnored, int checkSyncRunsProvisioned, int checkSyncRunsFailed,
                               String addresses, String sharedHint, Map<String, List<String>> problems) {
    /** How many MACs the printed report names per problem. */
    static final int EXAMPLES = 3;

    public SimulationReport {
        Map<String, List<String>> p = new TreeMap<>();
        problems.forEach((k, v) -> p.put(k, List.copyOf(v)));
        problems = java.util.Collections.unmodifiableMap(p);
    }

    /** One phone's outcome. {@code address} is its lease, {@code time} its power-up to done. */
    public record PhoneLine(PhoneIdentity id, String address, String outcome, boolean provisioned, int runs,
                            int reboots, Duration time, Map<String, Integer> requests, String vlan, String cwmp) {
        /** A phone that is no TR-069 CPE. */
        public PhoneLine(PhoneIdentity id, String address, String outcome, boolean provisioned, int runs,
                         int reboots, Duration time, Map<String, Integer> requests, String vlan) {
            this(id, address, outcome, provisioned, runs, reboots, time, requests, vlan, "");
        }
    }

    static SimulationReport of(List<SimulatedPhone> sims, Duration allBootedIn, long dhcpMessages,
                               SourceAddresses.Summary addressing) {
        List<PhoneLine> lines = new ArrayList<>();
        Map<String, Integer> failures = new TreeMap<>();
        Map<String, Long> requests = new TreeMap<>();
        Map<String, Long> bytes = new TreeMap<>();
        Map<String, List<String>> problems = new TreeMap<>();
        int obeyed = 0;
        int ignored = 0;
        int reOk = 0;
        int reFailed = 0;
        boolean perAddressFailures = false;
        for (SimulatedPhone s : sims) {
            Optional<BootReport> b = s.bootReport();
            String outcome = b.map(SimulationReport::describe)
                    .orElse(s.crash().isEmpty() ? "NOT BOOTED" : "SIMULATOR ERROR " + s.crash());
            boolean ok = b.map(BootReport::provisioned).orElse(false);
            if (!ok) {
                Optional<FailureCause> cause = b.flatMap(r -> FailureCause.of(r.detail()));
                perAddressFailures |= cause.map(FailureCause::perAddress).orElse(false);
                failures.merge(outcome + cause.map(c -> ": " + c.text()).orElse(""), 1, Integer::sum);
            }
            List<BootReport> all = new ArrayList<>();
            b.ifPresent(all::add);
            all.addAll(s.checkSyncRuns());
            for (BootReport r : all) {
                r.requestsByTransport().forEach((k, v) -> requests.merge(k, (long) v, Long::sum));
                r.bytesByTransport().forEach((k, v) -> bytes.merge(k, v, Long::sum));
            }
            if (!all.isEmpty()) {
                for (String p : all.get(all.size() - 1).problems()) {
                    problems.computeIfAbsent(p, k -> new ArrayList<>()).add(s.identity().mac().colon());
                }
            }
            for (BootReport r : s.checkSyncRuns()) {
                if (r.provisioned()) {
                    reOk++;
                } else {
                    reFailed++;
                }
            }
            obeyed += s.obeyedNotifies();
            ignored += s.ignoredNotifies();
            lines.add(new PhoneLine(s.identity(), s.phone().address().map(a -> a.getHostAddress()).orElse("-"),
                    outcome, ok, b.map(r -> r.runs().size()).orElse(0), b.map(BootReport::reboots).orElse(0),
                    b.map(BootReport::total).orElse(Duration.ZERO),
                    b.map(BootReport::requestsByTransport).orElse(Map.of()),
                    b.map(r -> r.vlan().voiceTag().map(v -> "vlan " + v + " (" + r.vlan().source().name()
                            .toLowerCase(java.util.Locale.ROOT) + ")").orElse("untagged")).orElse("-"), s.cwmpLine()));
        }
        if (dhcpMessages > 0) {
            requests.put("dhcp", dhcpMessages);
        }
        return new SimulationReport(lines, allBootedIn, failures, requests, bytes, obeyed, ignored, reOk, reFailed,
                addresses(addressing), sharedHint(perAddressFailures, addressing.count(SourceAddresses.Kind.SHARED)),
                problems);
    }

    /** Only when phones failed on a per-address limit and more than one of them shared the host's address. */
    static String sharedHint(boolean perAddressFailures, int shared) {
        if (!perAddressFailures || shared < 2) {
            return "";
        }
        return shared + " phones sent from this host's own address, one address for all: tftpd and httpd keep"
                + " their limits per client address (tftpd's max_per_client is 8 transfers at once by default);"
                + " give each phone its own: run simulate on the suite's host, relay to a pool inside 127.0.0.0/8,"
                + " or route the lease ranges local";
    }

    /** E.g. {@code 50 phones, each from its leased address}; the parts joined when phones differ. */
    static String addresses(SourceAddresses.Summary a) {
        List<String> parts = new ArrayList<>();
        int leased = a.count(SourceAddresses.Kind.LEASED);
        int standIn = a.count(SourceAddresses.Kind.STAND_IN);
        int shared = a.count(SourceAddresses.Kind.SHARED);
        if (leased > 0) {
            parts.add(phones(leased) + ", each from its leased address");
        }
        if (standIn > 0) {
            SourceAddresses.Choice e = a.example().get(SourceAddresses.Kind.STAND_IN);
            parts.add(phones(standIn) + " from stand-in addresses of their own (leases not on this host: "
                    + e.leased().getHostAddress() + " sends from " + e.from().orElseThrow().getHostAddress() + ")");
        }
        if (shared > 0) {
            SourceAddresses.Choice e = a.example().get(SourceAddresses.Kind.SHARED);
            parts.add(phones(shared) + " from this host's own address, shared (leases not on this host, e.g. "
                    + e.leased().getHostAddress() + ")");
        }
        return parts.isEmpty() ? "none leased" : String.join("; ", parts);
    }

    private static String phones(int n) {
        return n + (n == 1 ? " phone" : " phones");
    }

    /** {@code PROVISIONED}, or the failure as the phone shows it: {@code FAILED "Gen File Not Found"}. */
    static String describe(BootReport r) {
        return r.outcome() + r.lcd().map(m -> " \"" + m.text() + "\"").orElse("");
    }

    public int provisioned() {
        return (int) phones.stream().filter(PhoneLine::provisioned).count();
    }

    public boolean allProvisioned() {
        return provisioned() == phones.size();
    }

    /** The q-quantile (0..1) of time to provisioned, over the phones that made it. */
    public Duration timeToProvisioned(double q) {
        List<Duration> t = phones.stream().filter(PhoneLine::provisioned).map(PhoneLine::time).sorted().toList();
        if (t.isEmpty()) {
            return Duration.ZERO;
        }
        int i = (int) Math.ceil(q * t.size()) - 1;
        return t.get(Math.max(0, Math.min(t.size() - 1, i)));
    }

    public void print(PrintStream out, boolean everyPhone) {
        int n = phones.size();
        if (everyPhone) {
            for (PhoneLine p : phones) {
                out.printf("  %-17s %-7s %-15s %-32s %d run(s) %d reboot(s) %6.2f s %s %s%s%n", p.id().mac().colon(),
                        p.id().model(), p.address(), p.outcome(), p.runs(), p.reboots(), seconds(p.time()),
                        p.requests(), p.vlan(), p.cwmp().isEmpty() ? "" : "  " + p.cwmp());
            }
        }
        out.printf("phones:       %d%n", n);
        out.printf("provisioned:  %d of %d%s%n", provisioned(), n, allProvisioned() ? "" : "  <-- not all");
        if (!failures.isEmpty()) {
            out.println("failed:");
            failures.forEach((why, count) -> out.printf("  %5d  %s%n", count, why));
            if (!sharedHint.isEmpty()) {
                out.println("  why:   " + sharedHint);
            }
        }
        if (!problems.isEmpty()) {
            out.println("problems:     provisioned, but not every line can register");
            problems.forEach((why, macs) -> out.printf("  %5d  %s  (%s)%n", macs.size(), why, examples(macs)));
        }
        out.println("addresses:    " + addresses);
        out.printf("time to provisioned: median %.2f s, p99 %.2f s, max %.2f s%n", seconds(timeToProvisioned(0.5)),
                seconds(timeToProvisioned(0.99)), seconds(timeToProvisioned(1.0)));
        out.printf("all done after: %.2f s%n", seconds(allBootedIn));
        StringBuilder req = new StringBuilder();
        requests.forEach((k, v) -> req.append(req.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        out.println("requests:     " + (req.length() == 0 ? "none" : req) + (bytes.isEmpty() ? ""
                : "  (" + String.join(", ", bytes.entrySet().stream()
                .map(e -> e.getKey() + " " + human(e.getValue())).toList()) + ")"));
        if (checkSyncsObeyed + checkSyncsIgnored > 0) {
            out.printf("check-sync:   %d obeyed, %d ignored (untrusted source); re-provisioned %d, failed %d%n",
                    checkSyncsObeyed, checkSyncsIgnored, checkSyncRunsProvisioned, checkSyncRunsFailed);
        }
    }

    /** {@code 00:14:7F:77:00:01, 00:14:7F:77:00:02 and 3 more}. */
    static String examples(List<String> macs) {
        String shown = String.join(", ", macs.subList(0, Math.min(EXAMPLES, macs.size())));
        return macs.size() <= EXAMPLES ? shown : shown + " and " + (macs.size() - EXAMPLES) + " more";
    }

    /** Phones whose last run left a problem. */
    public int withProblems() {
        return (int) problems.values().stream().flatMap(List::stream).distinct().count();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String human(long bytes) {
        return bytes >= 1 << 20 ? String.format("%.1f MiB", bytes / 1048576.0)
                : bytes >= 1024 ? String.format("%.1f KiB", bytes / 1024.0) : bytes + " B";
    }
}
