package org.phoneprov.phonesim.aps;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.phoneprov.phonesim.dhcp.DhcpReplyParser;
import org.phoneprov.phonesim.phone.PhoneState;

/**
 * Whether the phone obeys a check-sync NOTIFY (seed 3.4): only when
 * {@code sw_notify_autoprovision} (seed 3.4's "Use SIP NOTIFY to launch provisioning") is 1 (default 'No'), and only from the trusted
 * source {@code AuthNotifyCheckSync=<ip|fqdn>} — {@code 0.0.0.0}, the default, accepts
 * any. "Packets coming from not trusted ip's will be ignored."
 */
public final class NotifyPolicy {
    /** Resolves a name with the system resolver; nothing when it does not resolve. */
    public static final Function<String, List<InetAddress>> SYSTEM_RESOLVER = name -> {
        try {
            return Arrays.asList(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    };

    private NotifyPolicy() {
    }

    /** @param resolve used only when AuthNotifyCheckSync is a name, not an address */
    public static boolean obeys(PhoneState s, InetAddress source, Function<String, List<InetAddress>> resolve) {
        if (!s.useSipNotifyToLaunchProvisioning()) {
            return false;
        }
        String trusted = s.authNotifyCheckSync().strip();
        if (trusted.equals(PhoneState.ANY_SOURCE)) {
            return true;
        }
        Optional<? extends InetAddress> literal = DhcpReplyParser.parseIpv4(trusted);
        if (literal.isPresent()) {
            return literal.get().equals(source);
        }
        if (trusted.contains(":")) {
            try {
                return InetAddress.getByName(trusted).equals(source); // an IPv6 literal: no lookup
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return resolve.apply(trusted).contains(source);
    }
}
