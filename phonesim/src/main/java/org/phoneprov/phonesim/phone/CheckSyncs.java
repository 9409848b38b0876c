package org.phoneprov.phonesim.phone;

import java.net.InetAddress;
import org.phoneprov.phonesim.sip.CheckSync;

/** A phone that re-provisions on a check-sync NOTIFY (APS seed 3.4): the ST20xx. */
public interface CheckSyncs {
    /** Where it listens for NOTIFYs. */
    int sipPort();

    /** Whether a NOTIFY from {@code source} is obeyed; may be called from the SIP thread. */
    boolean obeys(InetAddress source);

    BootReport onCheckSync(CheckSync notify);

    /** What it has applied, for the watcher's before/after line: the MAC config's {@code config_sn}. */
    String configSn();
}
