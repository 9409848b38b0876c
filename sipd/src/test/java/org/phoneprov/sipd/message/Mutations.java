package org.phoneprov.sipd.message;

import java.util.Arrays;
import java.util.Random;

/** Seeded mutations of a valid message, for the never-throws loops. */
public final class Mutations {
    private static final byte[] INTERESTING = " :;<>\"\\%@=\r\n\t\0\u00ff,/".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private Mutations() {
    }

    public static byte[] mutate(byte[] seed, Random random) {
        byte[] m = seed.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds && m.length > 0; r++) {
            int at = random.nextInt(m.length);
            switch (random.nextInt(6)) {
                case 0 -> m[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> m[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> m = Arrays.copyOf(m, at);
                case 3 -> {
                    byte[] n = new byte[m.length + 1];
                    System.arraycopy(m, 0, n, 0, at);
                    n[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    System.arraycopy(m, at, n, at + 1, m.length - at);
                    m = n;
                }
                case 4 -> {
                    byte[] n = new byte[m.length - 1];
                    System.arraycopy(m, 0, n, 0, at);
                    System.arraycopy(m, at + 1, n, at, m.length - at - 1);
                    m = n;
                }
                default -> m[at] = (byte) random.nextInt(256);
            }
        }
        return m;
    }
}
