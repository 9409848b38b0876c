package org.phoneprov.sipd.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.phoneprov.sipd.message.SipSamples.bytes;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RawHeadersTest {

    @Test
    void findsLongAndCompactNamesInAnyCase() {
        assertEquals(Optional.of("a;b=1"), RawHeaders.value(bytes("X y SIP/2.0\r\nEVENT :  a;b=1 \r\n\r\n"), "Event", "o"));
        assertEquals(Optional.of("a"), RawHeaders.value(bytes("X y SIP/2.0\r\nO: a\r\n\r\n"), "Event", "o"));
    }

    @Test
    void joinsFoldedLinesAndStopsAtTheBody() {
        assertEquals(Optional.of("a ;b=1 ;c"),
                RawHeaders.value(bytes("X y SIP/2.0\r\nEvent: a\r\n ;b=1\r\n\t;c\r\nTo: x\r\n\r\n"), "Event", "o"));
        assertEquals(Optional.empty(), RawHeaders.value(bytes("X y SIP/2.0\r\nTo: x\r\n\r\nEvent: a\r\n"), "Event", "o"));
    }

    @Test
    void controlCharactersBecomeSpaces() {
        assertEquals(Optional.of("a b\u0000c".replace('\u0000', ' ')),
                RawHeaders.value(bytes("X y SIP/2.0\r\nEvent: a\rb\u0000c\r\n\r\n"), "Event", "o"));
    }

    @Test
    void theFirstLineIsNotAHeader() {
        assertEquals(Optional.empty(), RawHeaders.value(bytes("Event: x\r\n\r\n"), "Event", "o"));
    }
}
