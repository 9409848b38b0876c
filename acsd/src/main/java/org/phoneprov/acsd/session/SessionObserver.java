package org.phoneprov.acsd.session;

import java.util.Optional;
import org.phoneprov.acsd.cwmp.FaultCode;
import org.phoneprov.acsd.cwmp.Inform;
import org.phoneprov.acsd.cwmp.TransferComplete;
import org.phoneprov.common.mac.Mac;

/** What a session tells the daemon as it goes (events and metrics); every method runs on the session's thread. */
public interface SessionObserver {
    void informed(Mac device, Inform inform);

    void sent(Task task);

    /** Answered, faulted, closed by a later Inform's proof, or given up. */
    void finished(Task task);

    void transferComplete(Mac device, TransferComplete tc, Optional<Task> task);

    /** The ACS answered a CPE's message with a fault (8000-8005). */
    void refused(Mac device, String message, FaultCode code, String detail);

    SessionObserver NONE = new SessionObserver() {
        public void informed(Mac device, Inform inform) {
        }

        public void sent(Task task) {
        }

        public void finished(Task task) {
        }

        public void transferComplete(Mac device, TransferComplete tc, Optional<Task> task) {
        }

        public void refused(Mac device, String message, FaultCode code, String detail) {
        }
    };
}
