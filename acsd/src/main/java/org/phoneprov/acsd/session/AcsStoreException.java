package org.phoneprov.acsd.session;

/**
 * A persistent {@link AcsStore} could not write: the session that asked fails (the connection
 * closes, the CPE calls again), and the message names the file and what to do.
 */
public final class AcsStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AcsStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
