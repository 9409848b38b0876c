package org.phoneprov.sipd.notify;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * The phones a selection resolves to, in inventory order: those a NOTIFY goes to, those
 * skipped (with the reason), and errors about the selection itself (an unknown MAC, a
 * model no phone has), which an admin must see rather than a silent "0 sent".
 */
public record Targets(List<Target> targets, List<Skipped> skipped, List<String> errors) {
    public static final String SIP_ONLY = "check-sync is SIP only (APS seed 3.4)";
    public static final String ST20XX_ONLY = "check-sync is the ST20xx's (APS seed 3.4); the Gigaset seed names no NOTIFY";
    public static final String NO_ADDRESS = "no lease and no inventory address";

    public Targets {
        targets = List.copyOf(targets);
        skipped = List.copyOf(skipped);
        errors = List.copyOf(errors);
    }

    /**
     * @param leaseAddress the phone's current lease, if any; it wins over the inventory
     *                     address, since a phone without a fixed address may have moved
     */
    public static Targets select(SuiteConfig config, Selection selection,
                                 Function<Mac, Optional<InetAddress>> leaseAddress) {
        List<Target> targets = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int port = config.sip().checkSync().phonePort();
        for (Device d : config.devices().values()) {
            if (!selection.includes(d)) {
                continue;
            }
            if (d.model().isGigaset()) {
                skipped.add(new Skipped(d.mac(), ST20XX_ONLY));
                continue;
            }
            if (d.model().protocol() != Model.Protocol.SIP) {
                skipped.add(new Skipped(d.mac(), SIP_ONLY));
                continue;
            }
            Optional<InetAddress> address = leaseAddress.apply(d.mac()).or(d::address);
            if (address.isEmpty()) {
                skipped.add(new Skipped(d.mac(), NO_ADDRESS));
                continue;
            }
            targets.add(new Target(d.mac(), d.model(), new InetSocketAddress(address.get(), port),
                    d.lines().stream().findFirst(), Dialect.forModel(d.model())));
        }
        if (targets.isEmpty() && skipped.isEmpty()) {
            errors.add(emptySelection(selection));
        }
        return new Targets(targets, skipped, errors);
    }

    private static String emptySelection(Selection selection) {
        if (selection instanceof Selection.OneMac m) {
            return m.mac() + " is not in the inventory (devices:); check-sync goes only to listed phones,"
                    + " whose configs trust our source";
        }
        if (selection instanceof Selection.OneModel m) {
            return "no " + m.model() + " phone in the inventory (devices:)";
        }
        return "the inventory (devices:) lists no phones";
    }

    /** The skipped phones as results, so a report lists every selected phone. */
    public List<NotifyResult> skippedResults() {
        return skipped.stream().map(NotifyResult::skipped).toList();
    }
}
