package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.httpd.Conditional.Outcome.NOT_MODIFIED;
import static org.phoneprov.httpd.Conditional.Outcome.PRECONDITION_FAILED;
import static org.phoneprov.httpd.Conditional.Outcome.PROCEED;

import org.junit.jupiter.api.Test;

class ConditionalTest {
    private static final String ETAG = "\"abc123\"";
    /** Sun, 06 Nov 1994 08:49:37 GMT plus 250 ms. */
    private static final long MODIFIED = 784111777_250L;
    private static final String MODIFIED_DATE = "Sun, 06 Nov 1994 08:49:37 GMT";

    @Test
    void noConditionsProceed() {
        assertEquals(PROCEED, Conditional.evaluate(true, null, null, ETAG, MODIFIED));
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        assertEquals(NOT_MODIFIED, Conditional.evaluate(true, ETAG, null, ETAG, MODIFIED));
        assertEquals(NOT_MODIFIED, Conditional.evaluate(true, "W/\"abc123\"", null, ETAG, MODIFIED));
        assertEquals(NOT_MODIFIED, Conditional.evaluate(true, "\"x\", W/\"y\",\"abc123\"", null, ETAG, MODIFIED));
        assertEquals(NOT_MODIFIED, Conditional.evaluate(true, "*", null, ETAG, MODIFIED));
        assertEquals(NOT_MODIFIED, Conditional.evaluate(true, "\"a,b\", \"abc123\"", null, ETAG, MODIFIED));
        assertEquals(PROCEED, Conditional.evaluate(true, "\"abc12\"", null, ETAG, MODIFIED));
        assertEquals(PROCEED, Conditional.evaluate(true, "abc123", null, ETAG, MODIFIED));
        assertEquals(PROCEED, Conditional.evaluate(true, "\"abc123", null, ETAG, MODIFIED));
        assertEquals(PROCEED, Conditional.evaluate(true, "", null, ETAG, MODIFIED));
    }

    @Test
    void ifNoneMatchOnPostFailsThePrecondition() {
        assertEquals(PRECONDITION_FAILED, Conditional.evaluate(false, ETAG, null, ETAG, MODIFIED));
        assertEquals(PROCEED, Conditional.evaluate(false, "\"other\"", null, ETAG, MODIFIED));
    }

    @Test
    void ifNoneMatchOverridesIfModifiedSince() {
        assertEquals(PROCEED, Conditional.evaluate(true, "\"other\"", MODIFIED_DATE, ETAG, MODIFIED));
    }

    @Test
    void ifModifiedSince() {
        assertEquals(NOT_MODIFIED, Conditional.evaluate(true, null, MODIFIED_DATE, ETAG, MODIFIED));
        assertEquals(NOT_MODIFIED, Conditional.evaluate(true, null, "Sun, 06 Nov 1994 08:49:38 GMT", ETAG, MODIFIED));
        assertEquals(PROCEED, Conditional.evaluate(true, null, "Sun, 06 Nov 1994 08:49:36 GMT", ETAG, MODIFIED));
        assertEquals(NOT_MODIFIED, Conditional.evaluate(true, null, "Sunday, 06-Nov-94 08:49:37 GMT", ETAG, MODIFIED));
        assertEquals(NOT_MODIFIED, Conditional.evaluate(true, null, "Sun Nov  6 08:49:37 1994", ETAG, MODIFIED));
        assertEquals(PROCEED, Conditional.evaluate(true, null, "yesterday", ETAG, MODIFIED));
        assertEquals(PROCEED, Conditional.evaluate(false, null, MODIFIED_DATE, ETAG, MODIFIED));
    }

    @Test
    void ifRange() {
        assertTrue(Conditional.rangeApplies(null, ETAG, MODIFIED));
        assertTrue(Conditional.rangeApplies(ETAG, ETAG, MODIFIED));
        assertFalse(Conditional.rangeApplies("\"other\"", ETAG, MODIFIED));
        assertFalse(Conditional.rangeApplies("W/\"abc123\"", ETAG, MODIFIED));
        assertFalse(Conditional.rangeApplies(ETAG, "W/\"abc123\"", MODIFIED));
        assertTrue(Conditional.rangeApplies(MODIFIED_DATE, ETAG, MODIFIED));
        assertFalse(Conditional.rangeApplies("Sun, 06 Nov 1994 08:49:38 GMT", ETAG, MODIFIED));
        assertFalse(Conditional.rangeApplies("garbage", ETAG, MODIFIED));
    }
}
