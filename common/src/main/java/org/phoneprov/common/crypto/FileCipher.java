package org.phoneprov.common.crypto;

/**
 * How a served file is encrypted for the phone that reads it: deterministic, so the same
 * plain text always gives the same bytes (ETag and Last-Modified stay put until the content
 * changes).
 */
public interface FileCipher {
    byte[] encrypt(byte[] plain);
}
