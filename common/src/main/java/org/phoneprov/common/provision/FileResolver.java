package org.phoneprov.common.provision;

/**
 * The one place that knows which bytes a name stands for. httpd and tftpd both ask
 * it, so the two transports can never serve different files under one name.
 */
public interface FileResolver {
    /**
     * @param name      the requested name, already percent-decoded, relative to the
     *                  server root; a leading '/' is allowed and ignored
     * @param transport decides the INF flavour (file names for TFTP, URLs for HTTP)
     */
    Lookup resolve(String name, Transport transport);

    /** Like {@link #resolve}, but names of static files may differ in case from the files on disk. */
    default Lookup resolveIgnoringCase(String name, Transport transport) {
        return resolve(name, transport);
    }

    /** The inventory device at this address, so events of shared files still name the phone. */
    default java.util.Optional<org.phoneprov.common.mac.Mac> deviceAt(java.net.InetAddress client) {
        return java.util.Optional.empty();
    }
}
