package org.phoneprov.dhcpd.server;

import java.util.Optional;
import org.phoneprov.dhcpd.codec.DhcpMessage;
import org.phoneprov.dhcpd.lease.Lease;

/** What the processor decided for one request; the handler carries it out. */
public sealed interface Outcome {
    /** Send {@code reply}; when {@code commitFirst} is present, only after that lease is durable. */
    record Reply(DhcpMessage reply, ReplyRouting.Destination destination, Optional<Lease> commitFirst,
                 String result, String className) implements Outcome {
    }

    /** Record a lease change (RELEASE, DECLINE); the protocol sends nothing back. */
    record CommitOnly(Lease lease, String result) implements Outcome {
    }

    /** Send nothing: {@code why} for the counters, {@code reason} the sentence for the log. */
    record Silent(Silence why, String reason) implements Outcome {
    }
}
