package org.phoneprov.dhcpd.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The instances of a user class option (77). RFC 3004 writes each instance as a length
 * byte and that many bytes; the ST20xx phones send the raw text instead,
 * {@code Thomson ST2022S} (APS seed 2.4). The RFC 3004 reading is taken when it covers
 * the value exactly with non-empty instances; otherwise the whole value is one instance.
 */
public final class UserClass {
    private UserClass() {
    }

    /** The instances of option 77's value (without code and length); empty for an empty value. Never throws. */
    public static List<byte[]> parse(byte[] option77) {
        if (option77 == null || option77.length == 0) {
            return List.of();
        }
        List<byte[]> instances = new ArrayList<>();
        int i = 0;
        while (i < option77.length) {
            int length = option77[i] & 0xFF;
            if (length == 0 || length > option77.length - i - 1) {
                return List.of(option77.clone());
            }
            instances.add(Arrays.copyOfRange(option77, i + 1, i + 1 + length));
            i += 1 + length;
        }
        return List.copyOf(instances);
    }
}
