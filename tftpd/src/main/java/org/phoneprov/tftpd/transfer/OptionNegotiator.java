package org.phoneprov.tftpd.transfer;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * RFC 2347 option negotiation for a read request: blksize (RFC 2348), timeout and tsize
 * (RFC 2349), windowsize (RFC 7440). Option names are case-insensitive; an option the server
 * does not know, or whose value it cannot use, is left out of the OACK, which per RFC 2347
 * means the client falls back to the default for it.
 */
public final class OptionNegotiator {

    public static final String BLKSIZE = "blksize";
    public static final String TIMEOUT = "timeout";
    public static final String TSIZE = "tsize";
    public static final String WINDOWSIZE = "windowsize";

    private OptionNegotiator() {
    }

    /**
     * @param requested  the options of the RRQ, in the client's order
     * @param fileLength the number of bytes that will be served (after netascii conversion);
     *                   negative when unknown, in which case tsize is not acknowledged
     */
    public static Negotiated negotiate(Map<String, String> requested, long fileLength, Limits limits) {
        int blksize = Negotiated.DEFAULT_BLKSIZE;
        int timeoutMillis = limits.defaultTimeoutMillis();
        int windowsize = 1;
        boolean tsizeAsked = false;
        Map<String, String> oack = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();

        for (Map.Entry<String, String> option : requested.entrySet()) {
            String name = option.getKey().toLowerCase(Locale.ROOT);
            if (!seen.add(name)) {
                continue; // the same option twice: the first one counts
            }
            OptionalLong value = parseUnsigned(option.getValue());
            if (value.isEmpty()) {
                continue;
            }
            long v = value.getAsLong();
            switch (name) {
                case BLKSIZE -> {
                    if (v >= Limits.MIN_BLKSIZE) {
                        blksize = (int) Math.min(v, Math.min(Limits.MAX_BLKSIZE, limits.maxBlksize()));
                        oack.put(BLKSIZE, Integer.toString(blksize));
                    }
                }
                case TIMEOUT -> {
                    if (v >= 1 && v <= 255) {
                        timeoutMillis = (int) v * 1000;
                        oack.put(TIMEOUT, Long.toString(v));
                    }
                }
                case TSIZE -> {
                    // RFC 2349: a reading client sends 0; any number is accepted, the answer
                    // is always the length the server will send.
                    if (fileLength >= 0) {
                        tsizeAsked = true;
                        oack.put(TSIZE, Long.toString(fileLength));
                    }
                }
                case WINDOWSIZE -> {
                    if (v >= 1) {
                        windowsize = (int) Math.min(v, limits.maxWindow());
                        oack.put(WINDOWSIZE, Integer.toString(windowsize));
                    }
                }
                default -> {
                    // unknown option: not acknowledged
                }
            }
        }
        return new Negotiated(blksize, timeoutMillis, windowsize, tsizeAsked, oack);
    }

    /** Decimal digits only (surrounding blanks allowed); values past long saturate. */
    static OptionalLong parseUnsigned(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String s = text.strip();
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
        }
        return OptionalLong.of(value);
    }
}
