package org.phoneprov.common.guard;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-client and global packet budgets, refilled continuously (dhcpd per MAC, sipd per
 * source address): a flooding client, or a flood from many forged MACs, cannot starve the
 * pool or the others. Single-threaded by contract (the owning event loop). The per-client table is bounded, oldest first out.
 */
public final class TokenBuckets {
    public enum Verdict { PASS, CLIENT_LIMIT, GLOBAL_LIMIT }

    private static final int MAX_CLIENTS = 100_000;
    private final double perClient;
    private final double global;
    private double globalTokens;
    private long globalAt;
    private final Map<Long, double[]> clients = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, double[]> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    /** Budgets in packets per second; a burst of one second's worth is allowed. */
    public TokenBuckets(int perClientPerSecond, int globalPerSecond, long nowNanos) {
        this.perClient = perClientPerSecond;
        this.global = globalPerSecond;
        this.globalTokens = globalPerSecond;
        this.globalAt = nowNanos;
    }

    public Verdict admit(long clientKey, long nowNanos) {
        globalTokens = Math.min(global, globalTokens + (nowNanos - globalAt) * global / 1e9);
        globalAt = nowNanos;
        if (globalTokens < 1) {
            return Verdict.GLOBAL_LIMIT;
        }
        double[] c = clients.get(clientKey);
        if (c == null) {
            c = new double[] {perClient, nowNanos};
            clients.put(clientKey, c);
        } else {
            c[0] = Math.min(perClient, c[0] + (nowNanos - (long) c[1]) * perClient / 1e9);
            c[1] = nowNanos;
        }
        if (c[0] < 1) {
            return Verdict.CLIENT_LIMIT;
        }
        c[0] -= 1;
        globalTokens -= 1;
        return Verdict.PASS;
    }
}
