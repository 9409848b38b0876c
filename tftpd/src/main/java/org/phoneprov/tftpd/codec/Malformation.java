package org.phoneprov.tftpd.codec;

/**
 * Why {@link TftpDecoder} refused a packet. Each reason is counted apart by
 * {@link TftpDropCounters} and named in the {@code tftpd.drop} log line.
 */
public enum Malformation {
    /** Under 2 bytes (no opcode); a bare RRQ/WRQ opcode; DATA, ACK or ERROR under 4 bytes. */
    TOO_SHORT,
    /** An opcode other than 1..6. */
    UNKNOWN_OPCODE,
    /** The filename or mode, or an option's value, runs to the end of the packet without a NUL. */
    NO_NUL,
    /** An empty filename. */
    BAD_FILENAME,
    /** A mode other than {@code octet} or {@code netascii} (any case); {@code mail} is obsolete. */
    BAD_MODE,
    /**
     * An empty option name, a name without a value (including trailing bytes after the
     * last NUL that cannot form a pair), or a value of blksize, timeout, tsize or
     * windowsize that is not all ASCII digits. Out-of-range numbers are not refused here.
     */
    BAD_OPTION,
    /** The same option name twice, compared case-insensitively. */
    REPEATED_OPTION
}
