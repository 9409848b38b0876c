package org.phoneprov.phonesim.gigaset;

import java.util.Objects;

/** What a phone answers an HTTP digest challenge with. The password is never printed. */
public record DigestCredentials(String user, String password) {
    public DigestCredentials {
        Objects.requireNonNull(user);
        Objects.requireNonNull(password);
    }

    @Override
    public String toString() {
        return "DigestCredentials[user=" + user + ", password=***]";
    }
}
