package org.phoneprov.httpd;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;

/**
 * The conditional-request decisions of RFC 9110 section 13 that a file server needs:
 * If-None-Match (weak comparison, "*"), If-Modified-Since, and If-Range for a Range.
 * Dates compare at one-second resolution, as HTTP-dates carry no more.
 */
final class Conditional {

    enum Outcome { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

    private Conditional() {
    }

    /**
     * @param getOrHead       whether the method is GET or HEAD (304 applies only to those)
     * @param ifNoneMatch     the If-None-Match value, or null
     * @param ifModifiedSince the If-Modified-Since value, or null
     * @param etag            the current strong entity tag, quoted
     */
    static Outcome evaluate(boolean getOrHead, String ifNoneMatch, String ifModifiedSince,
                            String etag, long lastModifiedMillis) {
        if (ifNoneMatch != null) {
            if (!anyWeakMatch(ifNoneMatch, etag)) {
                return Outcome.PROCEED;
            }
            return getOrHead ? Outcome.NOT_MODIFIED : Outcome.PRECONDITION_FAILED;
        }
        if (ifModifiedSince != null && getOrHead) {
            Date since = DateFormatter.parseHttpDate(ifModifiedSince);
            if (since != null && seconds(lastModifiedMillis) <= seconds(since.getTime())) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /**
     * Whether a Range may be honoured: yes without If-Range; with it, only when its entity
     * tag matches strongly or its date equals Last-Modified. A weak tag never matches.
     */
    static boolean rangeApplies(String ifRange, String etag, long lastModifiedMillis) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("W/")) {
            return false;
        }
        if (v.startsWith("\"")) {
            return !etag.startsWith("W/") && v.equals(etag);
        }
        Date date = DateFormatter.parseHttpDate(v);
        return date != null && seconds(date.getTime()) == seconds(lastModifiedMillis);
    }

    /** If-None-Match: "*" or a comma list of entity tags, compared weakly (RFC 9110 8.8.3.2). */
    static boolean anyWeakMatch(String list, String etag) {
        int tagStart = etag.startsWith("W/") ? 2 : 0;
        int tagLen = etag.length() - tagStart;
        int i = 0;
        int n = list.length();
        while (i < n) {
            char c = list.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if (c == '*') {
                return true;
            }
            if (c == 'W' && list.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= n || list.charAt(i) != '"') {
                return false; // malformed: stop, no match
            }
            int close = list.indexOf('"', i + 1);
            if (close < 0) {
                return false;
            }
            int len = close + 1 - i;
            if (len == tagLen && list.regionMatches(i, etag, tagStart, tagLen)) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }

    private static long seconds(long millis) {
        return Math.floorDiv(millis, 1000L);
    }
}
