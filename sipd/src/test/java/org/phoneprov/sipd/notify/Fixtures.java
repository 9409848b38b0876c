package org.phoneprov.sipd.notify;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/** Targets and lines shared by the tests. */
final class Fixtures {
    static final Mac MAC = Mac.parse("00:14:7F:E1:47:B3").orElseThrow();
    static final InetSocketAddress PHONE = new InetSocketAddress("192.0.2.50", 5060);
    static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.11", 5062);

    private Fixtures() {
    }

    static Device.Line line(String number, String authUser, String password) {
        return new Device.Line(number, authUser, password, number, "pbx.example.lan", "pbx.example.lan");
    }

    static Target target(Optional<Device.Line> line) {
        return target(MAC, PHONE, line);
    }

    static Target target(Mac mac, InetSocketAddress address, Optional<Device.Line> line) {
        return new Target(mac, Model.ST2030S, address, line, Dialect.CHECK_SYNC);
    }

    static Target withPassword() {
        return target(Optional.of(line("201", "201", "s3cret")));
    }
}
