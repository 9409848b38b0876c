package org.phoneprov.dhcpd.codec;

import org.phoneprov.common.dhcp.DhcpOption;

/**
 * What is left of dhcpd's own option codes while {@code DhcpHandler} is being reshaped
 * elsewhere: the one code it still reads from here. The codes are {@link DhcpOption}'s;
 * delete this class once {@code DhcpHandler} uses {@code DhcpOption.RELAY_AGENT_INFO}.
 */
public final class OptionCodes {
    public static final int RELAY_AGENT_INFO = DhcpOption.RELAY_AGENT_INFO.code();

    private OptionCodes() {
    }
}
