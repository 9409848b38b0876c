package org.phoneprov.phonesim.cwmp;

/**
 * One EventStruct of an Inform (TR-069 Amendment 6, 3.7.1.5 and Table 8 "Inform Event Codes"):
 * why the session starts, with the CommandKey of the RPC an "M" event completes.
 */
public record CwmpEvent(String code, String commandKey) {
    public static final String BOOTSTRAP = "0 BOOTSTRAP";
    public static final String BOOT = "1 BOOT";
    public static final String PERIODIC = "2 PERIODIC";
    public static final String VALUE_CHANGE = "4 VALUE CHANGE";
    public static final String CONNECTION_REQUEST = "6 CONNECTION REQUEST";
    public static final String TRANSFER_COMPLETE = "7 TRANSFER COMPLETE";
    public static final String M_REBOOT = "M Reboot";
    public static final String M_DOWNLOAD = "M Download";

    public static CwmpEvent of(String code) {
        return new CwmpEvent(code, "");
    }
}
