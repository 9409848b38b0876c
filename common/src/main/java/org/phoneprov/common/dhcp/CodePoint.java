package org.phoneprov.common.dhcp;

/**
 * What the DHCP value classes share: a code and the name logs give it. Two are equal
 * when they are of one class and have one code; the name only follows from the code.
 * Public, though only this package extends it: a method reference such as
 * {@code MessageType::toString} elsewhere must be able to reach the methods declared here.
 */
public abstract class CodePoint {
    private final int code;
    private final String name;

    CodePoint(int code, String name) {
        this.code = code;
        this.name = name;
    }

    public final int code() {
        return code;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((CodePoint) o).code == code;
    }

    @Override
    public final int hashCode() {
        return code;
    }

    /** For log lines: {@code OFFER}, {@code SUBNET_MASK}, or a name made from an unknown code. */
    public final String name() {
        return name;
    }

    @Override
    public final String toString() {
        return name;
    }
}
