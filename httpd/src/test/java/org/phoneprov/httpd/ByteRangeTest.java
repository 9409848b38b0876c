package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.phoneprov.httpd.ByteRange.Kind;

class ByteRangeTest {

    @Test
    void absentMeansFull() {
        assertEquals(ByteRange.full(100), ByteRange.parse(null, 100));
    }

    @Test
    void closedRange() {
        assertPartial("bytes=0-9", 100, 0, 10);
        assertPartial("bytes=10-10", 100, 10, 1);
        assertPartial("bytes=90-200", 100, 90, 10);
        assertPartial("BYTES=0-0", 100, 0, 1);
        assertPartial(" bytes=5-9 ", 100, 5, 5);
        assertPartial("bytes=0-99999999999999999999999", 100, 0, 100);
    }

    @Test
    void openRange() {
        assertPartial("bytes=10-", 100, 10, 90);
        assertPartial("bytes=99-", 100, 99, 1);
    }

    @Test
    void suffixRange() {
        assertPartial("bytes=-10", 100, 90, 10);
        assertPartial("bytes=-1000", 100, 0, 100);
    }

    @Test
    void unsatisfiable() {
        assertKind(Kind.UNSATISFIABLE, "bytes=100-", 100);
        assertKind(Kind.UNSATISFIABLE, "bytes=100-200", 100);
        assertKind(Kind.UNSATISFIABLE, "bytes=-0", 100);
        assertKind(Kind.UNSATISFIABLE, "bytes=0-", 0);
        assertKind(Kind.UNSATISFIABLE, "bytes=-5", 0);
        assertKind(Kind.UNSATISFIABLE, "bytes=99999999999999999999-", 100);
        assertEquals("bytes */100", ByteRange.parse("bytes=200-", 100).contentRange(100));
    }

    @Test
    void multipleRangesAndGarbageAreIgnored() {
        for (String h : new String[] {"bytes=0-1,5-6", "bytes=0-1, -3", "items=0-1", "bytes=", "bytes=-",
                "bytes=a-b", "bytes=5-1", "bytes=1-2x", "bytes=x-", "bytes 0-1", "bytes=--5", "bytes=0 - 1",
                "bytes=+1-2", ""}) {
            assertKind(Kind.FULL, h, 100);
            assertEquals(100, ByteRange.parse(h, 100).length(), h);
        }
    }

    @Test
    void contentRange() {
        ByteRange r = ByteRange.parse("bytes=10-19", 100);
        assertEquals(19, r.end());
        assertEquals("bytes 10-19/100", r.contentRange(100));
    }

    private static void assertPartial(String header, long size, long start, long length) {
        assertEquals(new ByteRange(Kind.PARTIAL, start, length), ByteRange.parse(header, size), header);
    }

    private static void assertKind(Kind kind, String header, long size) {
        assertEquals(kind, ByteRange.parse(header, size).kind(), header);
    }
}
