package org.phoneprov.tftpd.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** How many transfers run, in all and per client address; full means an ERROR, not a queue. */
final class TransferLimits {
    enum Verdict { ADMITTED, SERVER_FULL, CLIENT_FULL }

    private final int max;
    private final int perClient;
    private int running;
    private final Map<InetAddress, Integer> byClient = new HashMap<>();

    TransferLimits(int max, int perClient) {
        this.max = max;
        this.perClient = perClient;
    }

    synchronized Verdict acquire(InetAddress client) {
        if (running >= max) {
            return Verdict.SERVER_FULL;
        }
        int n = byClient.getOrDefault(client, 0);
        if (n >= perClient) {
            return Verdict.CLIENT_FULL;
        }
        byClient.put(client, n + 1);
        running++;
        return Verdict.ADMITTED;
    }

    synchronized void release(InetAddress client) {
        Integer n = byClient.get(client);
        if (n == null) {
            return;
        }
        if (n <= 1) {
            byClient.remove(client);
        } else {
            byClient.put(client, n - 1);
        }
        running--;
    }

    synchronized int running() {
        return running;
    }
}
