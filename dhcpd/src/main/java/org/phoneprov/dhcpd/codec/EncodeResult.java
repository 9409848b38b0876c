package org.phoneprov.dhcpd.codec;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * What {@link DhcpEncoder} produced.
 *
 * @param content the DHCP message, owned by the caller (release it or write it)
 * @param leftOut the option codes that did not fit in the size limit, in message order;
 *                never truncated, always whole
 */
public record EncodeResult(ByteBuf content, List<Integer> leftOut) {
    public EncodeResult {
        leftOut = List.copyOf(leftOut);
    }

    /** {@code true} when every option was written. */
    public boolean complete() {
        return leftOut.isEmpty();
    }
}
