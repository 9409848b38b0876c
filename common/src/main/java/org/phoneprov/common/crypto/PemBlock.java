package org.phoneprov.common.crypto;

/** One {@code -----BEGIN label-----} block; {@code encrypted} for OpenSSL's Proc-Type header form. */
public record PemBlock(String label, byte[] der, boolean encrypted) {
}
