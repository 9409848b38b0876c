package org.phoneprov.acsd.cwmp;

import java.util.Map;

/**
 * A CWMP fault code (TR-069 Amendment 6, A.5): 8000-8005 are the ACS's (A.5.2), 9000-9019
 * the CPE's (A.5.1), 8800-8899 and 9800-9899 vendor-specific. {@link #valueOf(int)} lets
 * codes it does not name pass, so a fault from a newer CPE is recorded, not lost.
 *
 * @param client whether SOAP's faultcode is {@code Client} (the request was wrong) rather
 *               than {@code Server}, as the A.5 tables say
 */
public record FaultCode(int code, String text, boolean client) {
    public static final FaultCode ACS_METHOD_NOT_SUPPORTED = new FaultCode(8000, "Method not supported", false);
    public static final FaultCode ACS_REQUEST_DENIED = new FaultCode(8001, "Request denied", false);
    public static final FaultCode ACS_INTERNAL_ERROR = new FaultCode(8002, "Internal error", false);
    public static final FaultCode ACS_INVALID_ARGUMENTS = new FaultCode(8003, "Invalid arguments", true);
    public static final FaultCode ACS_RESOURCES_EXCEEDED = new FaultCode(8004, "Resources exceeded", false);
    public static final FaultCode ACS_RETRY_REQUEST = new FaultCode(8005, "Retry request", false);

    public static final FaultCode METHOD_NOT_SUPPORTED = new FaultCode(9000, "Method not supported", false);
    public static final FaultCode REQUEST_DENIED = new FaultCode(9001, "Request denied", false);
    public static final FaultCode INTERNAL_ERROR = new FaultCode(9002, "Internal error", false);
    public static final FaultCode INVALID_ARGUMENTS = new FaultCode(9003, "Invalid arguments", true);
    public static final FaultCode RESOURCES_EXCEEDED = new FaultCode(9004, "Resources exceeded", false);
    public static final FaultCode INVALID_PARAMETER_NAME = new FaultCode(9005, "Invalid parameter name", true);
    public static final FaultCode INVALID_PARAMETER_TYPE = new FaultCode(9006, "Invalid parameter type", true);
    public static final FaultCode INVALID_PARAMETER_VALUE = new FaultCode(9007, "Invalid parameter value", true);
    public static final FaultCode NOT_WRITABLE = new FaultCode(9008, "Attempt to set a non-writable parameter", true);
    public static final FaultCode NOTIFICATION_REJECTED = new FaultCode(9009, "Notification request rejected", false);
    public static final FaultCode DOWNLOAD_FAILURE = new FaultCode(9010, "File transfer failure", false);
    public static final FaultCode UPLOAD_FAILURE = new FaultCode(9011, "Upload failure", false);
    public static final FaultCode TRANSFER_AUTH_FAILURE = new FaultCode(9012,
            "File transfer server authentication failure", false);
    public static final FaultCode UNSUPPORTED_PROTOCOL = new FaultCode(9013, "Unsupported protocol for file transfer",
            false);
    public static final FaultCode MULTICAST_FAILURE = new FaultCode(9014,
            "File transfer failure: unable to join multicast group", false);
    public static final FaultCode CONTACT_FAILURE = new FaultCode(9015,
            "File transfer failure: unable to contact file server", false);
    public static final FaultCode ACCESS_FAILURE = new FaultCode(9016, "File transfer failure: unable to access file",
            false);
    public static final FaultCode INCOMPLETE_FAILURE = new FaultCode(9017,
            "File transfer failure: unable to complete download", false);
    public static final FaultCode CORRUPTED_FAILURE = new FaultCode(9018, "File transfer failure: file corrupted",
            false);
    public static final FaultCode FILE_AUTH_FAILURE = new FaultCode(9019,
            "File transfer failure: file authentication failure", false);

    private static final Map<Integer, FaultCode> KNOWN = Map.ofEntries(
            e(ACS_METHOD_NOT_SUPPORTED), e(ACS_REQUEST_DENIED), e(ACS_INTERNAL_ERROR), e(ACS_INVALID_ARGUMENTS),
            e(ACS_RESOURCES_EXCEEDED), e(ACS_RETRY_REQUEST), e(METHOD_NOT_SUPPORTED), e(REQUEST_DENIED),
            e(INTERNAL_ERROR), e(INVALID_ARGUMENTS), e(RESOURCES_EXCEEDED), e(INVALID_PARAMETER_NAME),
            e(INVALID_PARAMETER_TYPE), e(INVALID_PARAMETER_VALUE), e(NOT_WRITABLE), e(NOTIFICATION_REJECTED),
            e(DOWNLOAD_FAILURE), e(UPLOAD_FAILURE), e(TRANSFER_AUTH_FAILURE), e(UNSUPPORTED_PROTOCOL),
            e(MULTICAST_FAILURE), e(CONTACT_FAILURE), e(ACCESS_FAILURE), e(INCOMPLETE_FAILURE), e(CORRUPTED_FAILURE),
            e(FILE_AUTH_FAILURE));

    private static Map.Entry<Integer, FaultCode> e(FaultCode c) {
        return Map.entry(c.code, c);
    }

    /** The named code, or an unnamed one that passes through ("Vendor fault 9801"). */
    public static FaultCode valueOf(int code) {
        FaultCode known = KNOWN.get(code);
        return known != null ? known : new FaultCode(code, "Fault " + code, code % 1000 == 3);
    }

    public boolean known() {
        return KNOWN.containsKey(code);
    }
}
