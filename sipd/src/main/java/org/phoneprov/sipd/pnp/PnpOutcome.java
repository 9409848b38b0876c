package org.phoneprov.sipd.pnp;

import java.util.Optional;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.mac.Mac;

/** What {@link PnpDecision} concluded about one request. */
public sealed interface PnpOutcome {

    /**
     * Answer with a 200 and a NOTIFY carrying {@code url}.
     *
     * @param url    the rule's URL with its placeholders filled in (and percent-encoded)
     * @param vendor as the phone wrote it; empty when it did not say
     * @param model  as the phone wrote it; empty when it did not say
     */
    record Answer(SipdSettings.PnpRule rule, String url, Optional<Mac> mac, String vendor, String model,
                  UaProfileEvent event) implements PnpOutcome {
    }

    /** Answer with an error (unicast only). */
    record Refuse(PnpRefusal refusal) implements PnpOutcome {
    }

    /** Send nothing. {@code detail} is for the log line, already printable. */
    record Silence(PnpSilence reason, String detail) implements PnpOutcome {
    }
}
