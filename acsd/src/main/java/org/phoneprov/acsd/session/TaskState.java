package org.phoneprov.acsd.session;

/** Where a task stands. */
public enum TaskState {
    /** Waiting for the device's next session (again, after a session that dropped with it in flight). */
    QUEUED,
    /** Sent in a session that is still open; its response has not come yet. */
    SENT,
    /** A Download the CPE accepted with Status 1: done when a TransferComplete with its CommandKey comes. */
    TRANSFERRING,
    /** Answered: applied. */
    DONE,
    /** Answered with a fault, a failed transfer, or given up after too many dropped sessions. */
    FAILED;

    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
