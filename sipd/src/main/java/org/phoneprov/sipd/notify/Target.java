package org.phoneprov.sipd.notify;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * A phone a check-sync NOTIFY goes to.
 *
 * @param address where it listens for SIP: its lease address, else its inventory address
 * @param line    its first line: the Request-URI user, and the credentials when it challenges
 */
public record Target(Mac mac, Model model, InetSocketAddress address, Optional<Device.Line> line, Dialect dialect) {

    /** The Request-URI user: the line number, or {@code phone} for a phone without lines. */
    public String user() {
        return line.map(Device.Line::number).filter(n -> !n.isBlank()).orElse("phone");
    }

    /** Can we answer a digest challenge? Only with a line that has a password. */
    public boolean hasCredentials() {
        return line.map(l -> !l.password().isEmpty()).orElse(false);
    }
}
