package org.phoneprov.tftpd.transfer;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NetasciiTest {

    @Test
    void lfBecomesCrLf() {
        assertArrayEquals("a\r\nb\r\n".getBytes(US_ASCII), Netascii.encode("a\nb\n".getBytes(US_ASCII)));
    }

    @Test
    void bareCrBecomesCrNul() {
        assertArrayEquals(new byte[] {'a', '\r', 0, 'b'}, Netascii.encode(new byte[] {'a', '\r', 'b'}));
        assertArrayEquals(new byte[] {'\r', 0}, Netascii.encode(new byte[] {'\r'}));
    }

    @Test
    void existingCrLfIsEncodedStrictly() {
        assertArrayEquals(new byte[] {'\r', 0, '\r', '\n'}, Netascii.encode(new byte[] {'\r', '\n'}));
    }

    @Test
    void textWithoutLineEndsIsReturnedAsIs() {
        byte[] plain = "no line ends".getBytes(US_ASCII);
        assertSame(plain, Netascii.encode(plain));
        byte[] empty = new byte[0];
        assertSame(empty, Netascii.encode(empty));
    }

    @Test
    void encodedLengthMatchesAndFeedsTsize() {
        byte[] text = "[sys]\nname=ST2030\r\nvlan=10\n".getBytes(US_ASCII);
        byte[] encoded = Netascii.encode(text);
        assertEquals(text.length + 4, encoded.length);
        assertEquals(encoded.length, Netascii.encodedLength(text));
        Negotiated n = OptionNegotiator.negotiate(Map.of("tsize", "0"), encoded.length, Limits.defaults());
        assertEquals(Integer.toString(encoded.length), n.oack().get("tsize"));
    }

    @Test
    void otherBytesIncludingHighOnesPassThrough() {
        byte[] in = {0, 1, (byte) 0x80, (byte) 0xff, '\t'};
        assertArrayEquals(in, Netascii.encode(in));
    }
}
