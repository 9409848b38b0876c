package org.phoneprov.tftpd.server;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.transfer.Negotiated;
import org.phoneprov.tftpd.transfer.ReadTransfer;
import org.slf4j.event.Level;

/** What {@link RequestProcessor} decided for one datagram on port 69; {@link RequestHandler} carries it out. */
sealed interface RequestOutcome {

    /**
     * Open a transfer on its own port. It holds a slot in the transfer limits until
     * {@link RequestProcessor#ended} gives it back.
     *
     * @param name       the served file's canonical name, as the event records it
     * @param startNanos when the request arrived, for the event's duration
     */
    record Start(ReadTransfer transfer, InetSocketAddress client, String name, Optional<Mac> device,
                 Negotiated negotiated, long startNanos) implements RequestOutcome {

        /** The event's result once the transfer has ended: {@code ok} or {@code failed:<why>}, block and window. */
        String result() {
            String result = transfer.state() == ReadTransfer.State.DONE ? "ok"
                    : "failed:" + transfer.failure().orElse("abandoned").replace(' ', '_');
            return result + " blksize=" + negotiated.blksize() + " window=" + negotiated.windowsize();
        }
    }

    /**
     * Answer with ERROR {@code code} and record the refusal.
     *
     * @param why    for the refusals metric
     * @param action {@code RRQ} or {@code WRQ}, for the event
     * @param name   the name as the event records it, already printable
     * @param note   the log line the refusal deserves, when it deserves one
     */
    record Refuse(Refusal why, ErrorCode code, String message, String action, String name, Optional<Note> note)
            implements RequestOutcome {
    }

    /** Send nothing: DATA, ACK, ERROR or OACK on port 69 belong to no transfer. */
    record Drop(String reason) implements RequestOutcome {
    }

    /** A log line for the handler to write, rate-limited: {@code event detail}. */
    record Note(Level level, String event, String detail) {
    }
}
