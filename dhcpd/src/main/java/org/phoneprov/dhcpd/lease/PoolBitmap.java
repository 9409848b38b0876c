package org.phoneprov.dhcpd.lease;

import java.util.BitSet;
import java.util.OptionalInt;

/**
 * Which addresses of one pool are taken, one bit each (a /16 pool costs 8 KB), with a cursor
 * below which no address is free, so "lowest free address" is amortized O(1).
 */
final class PoolBitmap {
    private final Pool pool;
    private final BitSet taken;
    private int cursor;
    private int takenCount;

    PoolBitmap(Pool pool) {
        this.pool = pool;
        this.taken = new BitSet(pool.size());
    }

    Pool pool() {
        return pool;
    }

    boolean contains(int address) {
        return pool.contains(address);
    }

    boolean isTaken(int address) {
        return taken.get(address - pool.first());
    }

    void take(int address) {
        int i = address - pool.first();
        if (!taken.get(i)) {
            taken.set(i);
            takenCount++;
        }
    }

    void free(int address) {
        int i = address - pool.first();
        if (taken.get(i)) {
            taken.clear(i);
            takenCount--;
            cursor = Math.min(cursor, i);
        }
    }

    OptionalInt lowestFree() {
        int i = taken.nextClearBit(cursor);
        cursor = i;
        return i < pool.size() ? OptionalInt.of(pool.first() + i) : OptionalInt.empty();
    }

    int takenCount() {
        return takenCount;
    }

    int freeCount() {
        return pool.size() - takenCount;
    }
}
