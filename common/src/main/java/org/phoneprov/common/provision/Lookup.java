package org.phoneprov.common.provision;

/**
 * The answer to "what file is this name?". A rejected name (traversal, control
 * characters, a drive letter) is told apart from a name that is simply absent so the
 * server can log it, but both look the same to the client.
 */
public sealed interface Lookup permits Lookup.Found, Lookup.NotFound, Lookup.Rejected {
    record Found(ServedFile file) implements Lookup {
    }

    record NotFound(String name) implements Lookup {
    }

    record Rejected(String name, String reason) implements Lookup {
    }
}
