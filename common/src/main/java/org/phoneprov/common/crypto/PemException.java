package org.phoneprov.common.crypto;

/**
 * A PEM file that cannot give what was asked of it. The message names the file and says
 * what to do; the caller adds where the file was named (a config key, a command argument).
 */
public final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    public PemException(String message) {
        super(message);
    }
}
