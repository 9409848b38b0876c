package org.phoneprov.common.events;

/** A store that cannot be opened or written; the message tells the admin what to do. */
public final class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
