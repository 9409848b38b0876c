package org.phoneprov.dhcpd.codec;

import static org.junit.jupiter.api.Assertions.*;
import static org.phoneprov.dhcpd.codec.Malformation.*;

import io.netty.buffer.Unpooled;
import java.util.Arrays;
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

    private static Case c(String name, Malformation reason, RawPacket p) {
        return new Case(name, reason, p.bytes());
    }

    private static Case c(String name, Malformation reason, byte[] bytes) {
        return new Case(name, reason, bytes);
    }

    private static RawPacket options(int... bytes) {
        return RawPacket.request().options(bytes);
    }

    static List<Case> corpus() {
        byte[] good = RawPacket.discover().bytes();
        return List.of(
                c("empty", TOO_SHORT, new byte[0]),
                c("one byte", TOO_SHORT, new byte[] {1}),
                c("header without cookie", TOO_SHORT, RawPacket.request().noCookie()),
                c("239 bytes", TOO_SHORT, Arrays.copyOf(good, 239)),

                c("op 2 (a reply) to the server", NOT_A_REQUEST, RawPacket.discover().op(2)),
                c("op 0", NOT_A_REQUEST, RawPacket.discover().op(0)),
                c("op 3", NOT_A_REQUEST, RawPacket.discover().op(3)),
                c("op 255", NOT_A_REQUEST, RawPacket.discover().op(255)),

                c("hlen 17", BAD_HLEN, RawPacket.discover().htype(6).hlen(17)),
                c("hlen 255", BAD_HLEN, RawPacket.discover().hlen(255)),
                c("Ethernet with hlen 5", BAD_HLEN, RawPacket.discover().hlen(5)),
                c("Ethernet with hlen 0", BAD_HLEN, RawPacket.discover().hlen(0)),
                c("Ethernet with hlen 16", BAD_HLEN, RawPacket.discover().hlen(16)),

                c("hops 17", HOPS_EXCEEDED, RawPacket.discover().hops(17)),
                c("hops 100", HOPS_EXCEEDED, RawPacket.discover().hops(100)),
                c("hops 255", HOPS_EXCEEDED, RawPacket.discover().hops(255)),

                c("zero cookie", NO_MAGIC_COOKIE, RawPacket.discover().cookie(0)),
                c("cookie byte-swapped", NO_MAGIC_COOKIE, RawPacket.discover().cookie(0x63538263)),
                c("cookie off by one", NO_MAGIC_COOKIE, RawPacket.discover().cookie(0x63825362)),
                c("options where the cookie belongs", NO_MAGIC_COOKIE,
                        RawPacket.discover().noCookie().options(53, 1, 1, 255, 0, 0, 0)),

                c("53 length past the end", OPTION_OVERRUN, options(53, 2, 1)),
                c("host name 10 with 1 byte", OPTION_OVERRUN, options(53, 1, 1, 12, 10, 'a')),
                c("length 255 on the last option", OPTION_OVERRUN, options(53, 1, 1, 61, 255, 1, 2, 3, 4)),
                c("length byte is the last byte", OPTION_OVERRUN, options(53, 1, 1, 60, 1)),

                c("53 zero-length", BAD_OPTION_LENGTH, options(53, 0, 255)),
                c("53 two bytes", BAD_OPTION_LENGTH, options(53, 2, 1, 1, 255)),
                c("50 three bytes", BAD_OPTION_LENGTH, options(53, 1, 3, 50, 3, 10, 0, 0, 255)),
                c("50 split 2 + 3", BAD_OPTION_LENGTH, options(53, 1, 3, 50, 2, 10, 0, 50, 3, 0, 1, 2, 255)),
                c("51 five bytes", BAD_OPTION_LENGTH, options(53, 1, 3, 51, 5, 0, 0, 0, 0, 1, 255)),
                c("54 zero-length", BAD_OPTION_LENGTH, options(53, 1, 3, 54, 0, 255)),
                c("57 one byte", BAD_OPTION_LENGTH, options(53, 1, 1, 57, 1, 2, 255)),
                c("57 value 575", BAD_OPTION_LENGTH, options(53, 1, 1, 57, 2, 0x02, 0x3f, 255)),
                c("57 value 0", BAD_OPTION_LENGTH, options(53, 1, 1, 57, 2, 0, 0, 255)),
                c("55 zero-length", BAD_OPTION_LENGTH, options(53, 1, 1, 55, 0, 255)),
                c("61 one byte", BAD_OPTION_LENGTH, options(53, 1, 1, 61, 1, 1, 255)),
                c("60 zero-length", BAD_OPTION_LENGTH, options(53, 1, 1, 60, 0, 255)),
                c("1 three bytes", BAD_OPTION_LENGTH, options(53, 1, 1, 1, 3, 255, 255, 255, 255)),
                c("3 six bytes", BAD_OPTION_LENGTH, options(53, 1, 1, 3, 6, 1, 2, 3, 4, 5, 6, 255)),
                c("150 five bytes", BAD_OPTION_LENGTH, options(53, 1, 1, 150, 5, 1, 2, 3, 4, 5, 255)),
                c("52 two bytes", BAD_OPTION_LENGTH, options(53, 1, 1, 52, 2, 1, 1, 255)),
                c("52 split 1 + 1", BAD_OPTION_LENGTH, options(53, 1, 1, 52, 1, 1, 52, 1, 1, 255)),
                c("58 in file, overloaded, 2 bytes", BAD_OPTION_LENGTH,
                        options(53, 1, 1, 52, 1, 1, 255).file(58, 2, 0, 1, 255)),

                c("53 twice identical", DUPLICATE_MESSAGE_TYPE, options(53, 1, 1, 53, 1, 1, 255)),
                c("53 twice different", DUPLICATE_MESSAGE_TYPE, options(53, 1, 1, 12, 1, 'x', 53, 1, 3, 255)),
                c("53 zero-length then 53", DUPLICATE_MESSAGE_TYPE, options(53, 0, 53, 1, 1, 255)),
                c("53 in options and in overloaded file", DUPLICATE_MESSAGE_TYPE,
                        options(53, 1, 1, 52, 1, 1, 255).file(53, 1, 1, 255)),
                c("53 in overloaded file and sname", DUPLICATE_MESSAGE_TYPE,
                        options(52, 1, 3, 255).file(53, 1, 1, 255).sname(53, 1, 1, 255)),

                c("BOOTP: END only", NO_MESSAGE_TYPE, options(255)),
                c("BOOTP: no options at all", NO_MESSAGE_TYPE, RawPacket.request()),
                c("PADs only", NO_MESSAGE_TYPE, options(0, 0, 0, 0)),
                c("options without 53", NO_MESSAGE_TYPE, options(61, 7, 1, 0, 0x14, 0x7f, 0xe1, 0x47, 0xb3, 255)),
                c("53 after END", NO_MESSAGE_TYPE, options(12, 1, 'x', 255, 53, 1, 1)),
                c("53 in sname without overload", NO_MESSAGE_TYPE, options(255).sname(53, 1, 1, 255)),

                c("52 value 0", BAD_OVERLOAD, options(53, 1, 1, 52, 1, 0, 255)),
                c("52 value 4", BAD_OVERLOAD, options(53, 1, 1, 52, 1, 4, 255)),
                c("52 value 255", BAD_OVERLOAD, options(53, 1, 1, 52, 1, 255, 255)),
                c("file option overruns the file field", BAD_OVERLOAD,
                        options(53, 1, 1, 52, 1, 1, 255).file(fieldEndingIn(128, 67, 10))),
                c("sname option overruns the sname field", BAD_OVERLOAD,
                        options(53, 1, 1, 52, 1, 2, 255).sname(fieldEndingIn(64, 66, 3, 'a'))),
                c("sname ends in a lone code", BAD_OVERLOAD,
                        options(53, 1, 1, 52, 1, 3, 255).file(255).sname(fieldEndingIn(64, 12))),
                c("52 inside the overloaded file", BAD_OVERLOAD,
                        options(53, 1, 1, 52, 1, 1, 255).file(52, 1, 1, 255)),

                c("lone 61 where END belongs", NO_END, options(53, 1, 1, 61)),
                c("lone 1 where END belongs", NO_END, options(53, 1, 1, 1)),
                c("PADs then a lone 12", NO_END, options(53, 1, 1, 0, 0, 0, 12)),
                c("lone 53 first", NO_END, options(53)));
    }

    /** A field of {@code size} bytes, PAD-filled, ending in {@code tail}. */
    private static int[] fieldEndingIn(int size, int... tail) {
        int[] field = new int[size];
        System.arraycopy(tail, 0, field, size - tail.length, tail.length);
        return field;
    }

    static Stream<Arguments> cases() {
        return corpus().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithItsReason(Case c) {
        DhcpParseException e = assertThrows(DhcpParseException.class,
                () -> DhcpDecoder.decode(Unpooled.wrappedBuffer(c.packet())));
        assertEquals(c.reason(), e.reason(), e.getMessage());
    }

    @Test
    void everyReasonHasAtLeastThreeCases() {
        Map<Malformation, Integer> counts = new EnumMap<>(Malformation.class);
        corpus().forEach(c -> counts.merge(c.reason(), 1, Integer::sum));
        for (Malformation m : Malformation.values()) {
            assertTrue(counts.getOrDefault(m, 0) >= 3, m + " has " + counts.get(m) + " cases");
        }
    }
}
