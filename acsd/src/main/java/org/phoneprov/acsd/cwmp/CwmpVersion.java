package org.phoneprov.acsd.cwmp;

import java.util.Optional;

/**
 * The CWMP namespace a message is written in (TR-069 Amendment 6, 3.5 and Table "Namespaces"):
 * {@code urn:dslforum-org:cwmp-1-0} for the original TR-069 up to {@code cwmp-1-4} for
 * Amendment 5/6. The ACS answers a session in the version its CPE used in the Inform, so
 * an older phone never sees a namespace it does not know.
 */
public final class CwmpVersion {
    public static final String PREFIX = "urn:dslforum-org:cwmp-1-";
    public static final CwmpVersion V1_0 = new CwmpVersion(0);
    public static final CwmpVersion V1_1 = new CwmpVersion(1);
    public static final CwmpVersion V1_2 = new CwmpVersion(2);
    public static final CwmpVersion V1_3 = new CwmpVersion(3);
    public static final CwmpVersion V1_4 = new CwmpVersion(4);
    private static final CwmpVersion[] KNOWN = {V1_0, V1_1, V1_2, V1_3, V1_4};

    private final int minor;

    private CwmpVersion(int minor) {
        this.minor = minor;
    }

    /** The version of a namespace URI; empty when it is not one of cwmp-1-0 to cwmp-1-4. */
    public static Optional<CwmpVersion> of(String namespace) {
        if (namespace == null || !namespace.startsWith(PREFIX) || namespace.length() != PREFIX.length() + 1) {
            return Optional.empty();
        }
        int m = namespace.charAt(PREFIX.length()) - '0';
        return m >= 0 && m < KNOWN.length ? Optional.of(KNOWN[m]) : Optional.empty();
    }

    public String namespace() {
        return PREFIX + minor;
    }

    public int minor() {
        return minor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CwmpVersion v && v.minor == minor;
    }

    @Override
    public int hashCode() {
        return minor;
    }

    @Override
    public String toString() {
        return "cwmp-1-" + minor;
    }
}
