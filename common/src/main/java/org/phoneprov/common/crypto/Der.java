package org.phoneprov.common.crypto;

import java.util.Arrays;

/** Just enough DER to wrap the traditional OpenSSL key forms into PKCS#8 for the JDK. */
final class Der {
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02,
            0x01};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private Der() {
    }

    /** PKCS#1 RSAPrivateKey → PrivateKeyInfo with rsaEncryption. */
    static byte[] rsaToPkcs8(byte[] pkcs1) {
        return tlv(0x30, VERSION_0, RSA_ALGORITHM, tlv(0x04, pkcs1));
    }

    /** SEC1 ECPrivateKey → PrivateKeyInfo with id-ecPublicKey and the curve from its [0] field. */
    static byte[] ecToPkcs8(byte[] sec1) {
        byte[] curve = null;
        int[] seq = header(sec1, 0);
        for (int p = seq[0]; p < seq[0] + seq[1]; ) {
            int[] h = header(sec1, p);
            if ((sec1[p] & 0xff) == 0xa0) {
                curve = Arrays.copyOfRange(sec1, h[0], h[0] + h[1]);
            }
            p = h[0] + h[1];
        }
        if (curve == null) {
            throw new IllegalArgumentException("no named curve"); // the JDK could not tell which
        }
        return tlv(0x30, VERSION_0, tlv(0x30, EC_PUBLIC_KEY_OID, curve), tlv(0x04, sec1));
    }

    /** {content start, content length} of the element at {@code at}. */
    private static int[] header(byte[] b, int at) {
        int len = b[at + 1] & 0xff;
        int start = at + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (b[start + i] & 0xff);
            }
            start += n;
        }
        if (start + len > b.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        return new int[] {start, len};
    }

    private static byte[] tlv(int tag, byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] lenBytes = len < 0x80 ? new byte[] {(byte) len}
                : len < 0x100 ? new byte[] {(byte) 0x81, (byte) len}
                : len < 0x10000 ? new byte[] {(byte) 0x82, (byte) (len >> 8), (byte) len}
                : new byte[] {(byte) 0x83, (byte) (len >> 16), (byte) (len >> 8), (byte) len};
        byte[] out = new byte[1 + lenBytes.length + len];
        out[0] = (byte) tag;
        System.arraycopy(lenBytes, 0, out, 1, lenBytes.length);
        int p = 1 + lenBytes.length;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, p, part.length);
            p += part.length;
        }
        return out;
    }
}
