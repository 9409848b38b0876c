package org.phoneprov.phonesim.cwmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the ACS asked for that the CPE does once the session is over: a Reboot (TR-069
 * Amendment 6, A.3.2.10: "the CPE MUST ... reboot ... after the session"), a FactoryReset
 * (A.4.1.3), and Downloads answered with Status 1, carried out after the session and reported
 * by TransferComplete in a later one (A.3.2.8).
 */
public final class AfterSession {
    private Optional<String> reboot = Optional.empty();
    private boolean factoryReset;
    private final List<CpeRequest.Download> downloads = new ArrayList<>();

    void askReboot(String commandKey) {
        reboot = Optional.of(commandKey);
    }

    void askFactoryReset() {
        factoryReset = true;
    }

    void askDownload(CpeRequest.Download d) {
        downloads.add(d);
    }

    public Optional<String> reboot() {
        return reboot;
    }

    public boolean factoryReset() {
        return factoryReset;
    }

    public List<CpeRequest.Download> downloads() {
        return List.copyOf(downloads);
    }

    public boolean nothing() {
        return reboot.isEmpty() && !factoryReset && downloads.isEmpty();
    }
}
