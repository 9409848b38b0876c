package org.phoneprov.common.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.handler.codec.CorruptedFrameException;
import org.junit.jupiter.api.Test;

class PacketParseExceptionTest {
    enum Reason { TOO_SHORT }

    static final class Refused extends PacketParseException {
        private static final long serialVersionUID = 1L;

        Refused(Reason reason, String detail) {
            super(reason, detail);
        }

        @Override
        public Reason reason() {
            return Reason.TOO_SHORT;
        }
    }

    @Test
    void aCorruptFrameWithAReasonADetailAndNoStackTrace() {
        PacketParseException e = new Refused(Reason.TOO_SHORT, "3 bytes, at least 4 needed");
        assertInstanceOf(CorruptedFrameException.class, e);
        assertEquals(Reason.TOO_SHORT, e.reason());
        assertEquals("3 bytes, at least 4 needed", e.detail());
        assertEquals("TOO_SHORT: 3 bytes, at least 4 needed", e.getMessage());
        assertEquals(0, e.getStackTrace().length, "floods of bad packets stay cheap");
    }
}
