package org.phoneprov.tftpd.transfer;

/**
 * Netascii encoding for "netascii" mode transfers (RFC 1350 via RFC 764): every LF becomes
 * CR LF and every bare CR becomes CR NUL. The conversion is strict, as in tftp-hpa: a CR LF
 * already in the file becomes CR NUL CR LF, which the client decodes back to CR LF.
 */
public final class Netascii {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte NUL = 0;

    private Netascii() {
    }

    /** The length {@link #encode} will return. */
    public static long encodedLength(byte[] octets) {
        long length = octets.length;
        for (byte b : octets) {
            if (b == CR || b == LF) {
                length++;
            }
        }
        return length;
    }

    /**
     * Returns the encoded bytes. When there is no CR or LF the input array itself is returned
     * (it is served read-only); otherwise a new array.
     *
     * @throws IllegalArgumentException when the encoded form would not fit in an array
     */
    public static byte[] encode(byte[] octets) {
        long length = encodedLength(octets);
        if (length == octets.length) {
            return octets;
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "netascii form of " + octets.length + " bytes is " + length + " bytes, too large");
        }
        byte[] out = new byte[(int) length];
        int j = 0;
        for (byte b : octets) {
            if (b == LF) {
                out[j++] = CR;
                out[j++] = LF;
            } else if (b == CR) {
                out[j++] = CR;
                out[j++] = NUL;
            } else {
                out[j++] = b;
            }
        }
        return out;
    }
}
