package org.phoneprov.dhcpd.lease;

import org.phoneprov.common.net.Ip4;

import java.util.Objects;
import org.phoneprov.common.mac.Mac;

/**
 * One address binding, as stored (one row per address).
 *
 * @param address     IPv4 address as an int, see {@link Ip4}
 * @param mac         the client; for DECLINED, the client that declined
 * @param clientClass the class the classifier gave the client, or {@code ""}
 * @param expiresAt   epoch millis: end of the lease (ACTIVE) or of the hold (DECLINED)
 * @param state       what the row means
 * @param updatedAt   epoch millis of the decision that wrote it
 */
public record Lease(int address, Mac mac, String clientClass, long expiresAt, LeaseState state, long updatedAt) {
    public Lease {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(state, "state");
        clientClass = clientClass == null ? "" : clientClass;
    }

    /** ACTIVE and not yet expired at {@code nowMillis}. */
    public boolean isBoundAt(long nowMillis) {
        return state == LeaseState.ACTIVE && expiresAt > nowMillis;
    }

    @Override
    public String toString() {
        return "Lease[" + Ip4.toString(address) + " " + mac + " " + state + " class=" + clientClass
                + " expiresAt=" + expiresAt + " updatedAt=" + updatedAt + "]";
    }
}
