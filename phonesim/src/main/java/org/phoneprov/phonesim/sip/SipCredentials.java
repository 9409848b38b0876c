package org.phoneprov.phonesim.sip;

/**
 * What a phone with NOTIFY authentication configured checks a check-sync against
 * (RFC 2617 Digest, the phone acting as the server side).
 */
public record SipCredentials(String username, String password, String realm) {
    public SipCredentials {
        if (username == null || username.isEmpty() || password == null || realm == null || realm.isEmpty()) {
            throw new IllegalArgumentException("SIP credentials need a username, a password and a realm");
        }
    }

    @Override
    public String toString() {
        return "SipCredentials[username=" + username + ", realm=" + realm + "]"; // never the password in a log
    }
}
