package org.phoneprov.dhcpd.lease;

import org.phoneprov.common.net.Ip4;

/** What {@link Allocator#offer} decided for a DHCPDISCOVER. */
public sealed interface Offer {
    /** Offer this address; it is held for the client for the offer hold. */
    record Address(int address) implements Offer {
        @Override
        public String toString() {
            return "Offer.Address[" + Ip4.toString(address) + "]";
        }
    }

    /** Every pool address of the subnet is leased, offered, declined or fixed. */
    record Exhausted() implements Offer {
    }

    /** No subnet with that id: the server does not serve that network. */
    record NoSubnet() implements Offer {
    }
}
