package org.phoneprov.common.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code models.<MODEL>.encryption}: the model's common and MAC configs are served as
 * AES-128-CBC {@code .ser} files (APS seed 6, from firmware x.67.2).
 *
 * @param key     what the files are encrypted with: the {@code Decryption_Key} the
 *                model's phones hold (a factory phone holds {@code Th0mson2$8s8@9z!})
 * @param nextKey the key the phones are moved to: written as {@code Decryption_Key=} into
 *                the plain text of both configs (seed 6: "APS in [autoprovision] section
 *                of both Common and Specific-MAC config files"), while the files are
 *                still encrypted with {@code key}; once every phone has fetched them the
 *                admin makes it the key
 */
public record ModelEncryption(String key, Optional<String> nextKey) {
    public ModelEncryption {
        Objects.requireNonNull(key);
        Objects.requireNonNull(nextKey);
    }

    /** Never print a key: logs, events and error messages get this form. */
    @Override
    public String toString() {
        return "ModelEncryption[key=***, nextKey=" + (nextKey.isPresent() ? "***" : "-") + "]";
    }
}
