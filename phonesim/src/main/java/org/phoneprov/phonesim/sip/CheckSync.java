package org.phoneprov.phonesim.sip;

import java.net.InetSocketAddress;

/** A check-sync NOTIFY the phone obeyed (APS seed 3.4): from whom, and whether to reboot. */
public record CheckSync(InetSocketAddress from, boolean reboot) {
}
