package org.phoneprov.tftpd.server;

/**
 * Why port 69 answered a request with an ERROR instead of a transfer: the {@code reason}
 * of {@code phoneprov_tftp_refusals_total}. A bounded set; the log line and the event say
 * which name and which client.
 */
enum Refusal {
    /** A WRQ: this server only serves (error 2). */
    WRITE,
    /** The name rules or the resolver refused the name, e.g. a traversal (error 2, {@code tftpd.reject}). */
    REJECTED_NAME,
    /** No such file (error 1). */
    NOT_FOUND,
    /** {@code tftpd.max_transfers} are running (error 0, {@code tftpd.busy limit=server_full}). */
    SERVER_FULL,
    /** The client has {@code tftpd.max_per_client} running (error 0, {@code tftpd.busy limit=client_full}). */
    CLIENT_FULL,
    /** The file could not be read (error 0, {@code tftpd.read_failed}). */
    READ_FAILED
}
