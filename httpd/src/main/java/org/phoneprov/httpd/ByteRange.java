package org.phoneprov.httpd;

/**
 * The part of a representation a GET sends, from its Range header (RFC 9110 14.1.2, 14.2).
 * One range only: a list of ranges, another unit or bad syntax is ignored, and the whole
 * file is sent with 200, as RFC 9110 allows. A syntactically valid range that starts past
 * the end is unsatisfiable (416).
 *
 * @param start  first byte sent (FULL: 0)
 * @param length bytes sent (FULL: the size; UNSATISFIABLE: 0)
 */
record ByteRange(Kind kind, long start, long length) {

    enum Kind { FULL, PARTIAL, UNSATISFIABLE }

    static ByteRange full(long size) {
        return new ByteRange(Kind.FULL, 0, size);
    }

    /** @param header the Range field value, or null when absent */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return full(size);
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return full(size);
        }
        int dash = h.indexOf('-', 6);
        if (dash < 0) {
            return full(size);
        }
        long first = digits(h, 6, dash);
        long last = digits(h, dash + 1, h.length());
        if (dash == 6) {
            return suffix(last, size);
        }
        if (first < 0 || (last < 0 && dash + 1 != h.length())) {
            return full(size);
        }
        if (last >= 0 && last < first) {
            return full(size); // invalid range-spec: ignore the field
        }
        if (first >= size) {
            return unsatisfiable();
        }
        long end = last < 0 || last >= size ? size - 1 : last;
        return new ByteRange(Kind.PARTIAL, first, end - first + 1);
    }

    private static ByteRange suffix(long n, long size) {
        if (n < 0) {
            return full(size); // "bytes=-" or garbage
        }
        if (n == 0 || size == 0) {
            return unsatisfiable();
        }
        long length = Math.min(n, size);
        return new ByteRange(Kind.PARTIAL, size - length, length);
    }

    private static ByteRange unsatisfiable() {
        return new ByteRange(Kind.UNSATISFIABLE, 0, 0);
    }

    /** Decimal digits in [from, to) as a long, saturating at Long.MAX_VALUE; -1 if empty or not digits. */
    private static long digits(String s, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : v * 10 + (c - '0');
        }
        return v;
    }

    /** The last byte sent, inclusive. */
    long end() {
        return start + length - 1;
    }

    /** The Content-Range field value for a 206 or a 416. */
    String contentRange(long size) {
        return kind == Kind.UNSATISFIABLE ? "bytes */" + size : "bytes " + start + "-" + end() + "/" + size;
    }
}
