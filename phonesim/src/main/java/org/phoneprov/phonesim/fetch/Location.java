package org.phoneprov.phonesim.fetch;

import java.net.InetSocketAddress;
import java.net.URI;

/** Where a phone fetches a file from: an HTTP(S) URL (seed 2.5) or a TFTP server and a name (seed 2.4). */
public sealed interface Location permits Location.Http, Location.Tftp {
    /** For logs and reports. */
    String display();

    record Http(URI uri) implements Location {
        @Override
        public String display() {
            return uri.toString();
        }
    }

    /** {@code name} exactly as the phone sends it, e.g. {@code C:\ip_phones\st2030\v100.zz}. */
    record Tftp(InetSocketAddress server, String name) implements Location {
        @Override
        public String display() {
            return "tftp://" + server.getAddress().getHostAddress() + ":" + server.getPort() + "/" + name;
        }
    }
}
