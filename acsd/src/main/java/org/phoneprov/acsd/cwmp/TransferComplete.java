package org.phoneprov.acsd.cwmp;

/**
 * TransferComplete (TR-069 Amendment 6, A.3.3.2): the end of a Download, in a later session
 * (often after the CPE rebooted into the new image). The CommandKey is the Download's; a
 * FaultCode of 0 means success.
 */
public record TransferComplete(String commandKey, FaultCode fault, String faultString, String startTime,
                               String completeTime) {
    public static TransferComplete decode(XmlNode tc) {
        XmlNode f = tc.child("FaultStruct").orElseThrow(() -> new CwmpParseException(
                CwmpParseException.Reason.BAD_RPC, "TransferComplete has no FaultStruct"));
        return new TransferComplete(tc.text("CommandKey").orElse(""), FaultCode.valueOf((int) f.number("FaultCode")),
                f.text("FaultString").orElse(""), tc.text("StartTime").orElse(""), tc.text("CompleteTime").orElse(""));
    }

    public boolean succeeded() {
        return fault.code() == 0;
    }
}
