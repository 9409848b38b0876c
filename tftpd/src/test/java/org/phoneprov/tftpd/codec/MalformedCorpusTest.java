package org.phoneprov.tftpd.codec;

import static org.junit.jupiter.api.Assertions.*;
import static org.phoneprov.tftpd.codec.Malformation.*;

import io.netty.buffer.Unpooled;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed packet is refused with exactly its reason. */
class MalformedCorpusTest {

    record Case(String name, Malformation reason, byte[] packet) {
        @Override
        public String toString() {
            return reason + ": " + name;
        }
    }

    private static Case c(String name, Malformation reason, Wire w) {
        return new Case(name, reason, w.build());
    }

    private static Wire rrq() {
        return Wire.rrq("ST2030S_001F9F1A2B3C.txt", "octet");
    }

    static List<Case> corpus() {
        return List.of(
                c("empty", TOO_SHORT, new Wire()),
                c("one byte", TOO_SHORT, new Wire().bytes(1)),
                c("bare RRQ opcode", TOO_SHORT, Wire.op(1)),
                c("bare WRQ opcode", TOO_SHORT, Wire.op(2)),
                c("DATA of 3 bytes", TOO_SHORT, Wire.op(3).bytes(0)),
                c("ACK without block", TOO_SHORT, Wire.op(4)),
                c("ACK of 3 bytes", TOO_SHORT, Wire.op(4).bytes(1)),
                c("ERROR without code", TOO_SHORT, Wire.op(5).bytes(1)),

                c("opcode 0", UNKNOWN_OPCODE, Wire.op(0).str("file").str("octet")),
                c("opcode 7", UNKNOWN_OPCODE, Wire.op(7).u16(1)),
                c("opcode 0xffff", UNKNOWN_OPCODE, Wire.op(0xffff)),
                c("RRQ byte-swapped", UNKNOWN_OPCODE, Wire.op(0x0100).str("file").str("octet")),
                c("text where the opcode belongs", UNKNOWN_OPCODE, new Wire().raw("GET / HTTP/1.0\r\n")),

                c("RRQ filename without NUL", NO_NUL, Wire.op(1).raw("C:\\ip_phones\\mgcp\\st2030\\v100.zz")),
                c("WRQ filename without NUL", NO_NUL, Wire.op(2).raw("x")),
                c("RRQ mode without NUL", NO_NUL, Wire.op(1).str("file").raw("octet")),
                c("RRQ nothing after the filename", NO_NUL, Wire.op(1).str("file")),
                c("option value without NUL", NO_NUL, rrq().str("blksize").raw("1468")),
                c("second option value without NUL", NO_NUL, rrq().str("tsize").str("0").str("timeout").raw("5")),

                c("empty filename", BAD_FILENAME, Wire.rrq("", "octet")),
                c("WRQ empty filename", BAD_FILENAME, Wire.op(2).str("").str("netascii")),
                c("empty filename with options", BAD_FILENAME, Wire.rrq("", "octet").str("blksize").str("512")),
                c("empty filename, empty mode", BAD_FILENAME, Wire.op(1).bytes(0, 0)),

                c("mode mail (obsolete)", BAD_MODE, Wire.rrq("f", "mail")),
                c("mode MAIL", BAD_MODE, Wire.rrq("f", "MAIL")),
                c("mode binary", BAD_MODE, Wire.rrq("f", "binary")),
                c("empty mode", BAD_MODE, Wire.rrq("f", "")),
                c("mode with a trailing space", BAD_MODE, Wire.rrq("f", "octet ")),
                c("mode with high bytes", BAD_MODE, Wire.op(2).str("f").bytes(0xef, 0xbb, 0xbf, 0)),

                c("option name without value", BAD_OPTION, rrq().str("blksize")),
                c("empty option name (NUL padding)", BAD_OPTION, rrq().bytes(0, 0, 0)),
                c("empty option name with value", BAD_OPTION, rrq().str("").str("512")),
                c("trailing garbage after the mode", BAD_OPTION, rrq().raw("xyz")),
                c("trailing garbage after a pair", BAD_OPTION, rrq().str("tsize").str("0").raw("\r\n")),
                c("blksize 12a", BAD_OPTION, rrq().str("blksize").str("12a")),
                c("blksize -1", BAD_OPTION, rrq().str("blksize").str("-1")),
                c("timeout with a space", BAD_OPTION, rrq().str("timeout").str(" 5")),
                c("tsize empty", BAD_OPTION, rrq().str("tsize").str("")),
                c("windowsize 0x10", BAD_OPTION, rrq().str("WINDOWSIZE").str("0x10")),
                c("OACK blksize 1e3", BAD_OPTION, Wire.op(6).str("blksize").str("1e3")),

                c("blksize twice", REPEATED_OPTION, rrq().str("blksize").str("512").str("blksize").str("1468")),
                c("tsize twice, different case", REPEATED_OPTION, rrq().str("tsize").str("0").str("TSize").str("0")),
                c("unknown option twice", REPEATED_OPTION, rrq().str("x-foo").str("a").str("X-FOO").str("b")),
                c("OACK windowsize twice", REPEATED_OPTION,
                        Wire.op(6).str("windowsize").str("4").str("windowsize").str("4")));
    }

    static Stream<Arguments> cases() {
        return corpus().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithItsReason(Case c) {
        TftpParseException e = assertThrows(TftpParseException.class,
                () -> TftpDecoder.decode(Unpooled.wrappedBuffer(c.packet())));
        assertEquals(c.reason(), e.reason(), e.getMessage());
        assertTrue(e.detail().chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f), e.detail());
    }

    @Test
    void everyReasonHasAtLeastThreeCases() {
        Map<Malformation, Integer> counts = new EnumMap<>(Malformation.class);
        corpus().forEach(c -> counts.merge(c.reason(), 1, Integer::sum));
        for (Malformation m : Malformation.values()) {
            assertTrue(counts.getOrDefault(m, 0) >= 3, m + " has " + counts.get(m) + " cases");
        }
    }

    @Test
    void detailsQuoteClientBytesSafely() {
        TftpParseException e = assertThrows(TftpParseException.class,
                () -> Packets.decode(Wire.op(1).str("f").raw("a\"b'c\\d\n").bytes(0xff, 0).build()));
        assertEquals("mode 'a\\x22b\\x27c\\x5cd\\x0a\\xff'", e.detail());
        TftpParseException longName = assertThrows(TftpParseException.class,
                () -> Packets.decode(Wire.op(1).raw("x".repeat(300)).build()));
        assertEquals("filename '" + "x".repeat(64) + "...' not NUL-terminated", longName.detail());
    }
}
