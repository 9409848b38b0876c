package org.phoneprov.phonesim.cwmp;

import java.util.List;

/**
 * A CPE fault (TR-069 Amendment 6, A.5.1 "CPE Fault Codes"), answered to the ACS as a SOAP
 * Fault whose detail carries {@code cwmp:Fault}. {@code faultcode} is {@code Client} for a
 * request the ACS got wrong (9003, 9005-9008) and {@code Server} otherwise (A.5.1's table). A
 * SetParameterValues fault also names each parameter in error ({@link ParamFault}, A.3.2.1).
 */
public final class CwmpFault extends Exception {
    public static final int METHOD_NOT_SUPPORTED = 9000;
    public static final int REQUEST_DENIED = 9001;
    public static final int INTERNAL_ERROR = 9002;
    public static final int INVALID_ARGUMENTS = 9003;
    public static final int RESOURCES_EXCEEDED = 9004;
    public static final int INVALID_PARAMETER_NAME = 9005;
    public static final int INVALID_PARAMETER_TYPE = 9006;
    public static final int INVALID_PARAMETER_VALUE = 9007;
    public static final int NON_WRITABLE = 9008;
    public static final int NOTIFICATION_REJECTED = 9009;
    public static final int DOWNLOAD_FAILURE = 9010;
    public static final int TRANSFER_AUTH_FAILURE = 9012;
    public static final int UNSUPPORTED_PROTOCOL = 9013;
    public static final int CANNOT_CONTACT_SERVER = 9015;
    public static final int CANNOT_ACCESS_FILE = 9016;
    public static final int CANNOT_COMPLETE_DOWNLOAD = 9017;
    public static final int FILE_CORRUPTED = 9018;

    /** One parameter in error of a SetParameterValues fault. */
    public record ParamFault(String name, int code, String text) {
    }

    private final int code;
    private final List<ParamFault> params;

    public CwmpFault(int code, String text) {
        this(code, text, List.of());
    }

    public CwmpFault(int code, String text, List<ParamFault> params) {
        super(text);
        this.code = code;
        this.params = List.copyOf(params);
    }

    public int code() {
        return code;
    }

    public String text() {
        return getMessage();
    }

    public List<ParamFault> params() {
        return params;
    }

    /** {@code Client} or {@code Server}, as A.5.1 assigns the code. */
    public String soapFaultCode() {
        return clientFault(code) ? "Client" : "Server";
    }

    static boolean clientFault(int code) {
        return code == INVALID_ARGUMENTS || (code >= INVALID_PARAMETER_NAME && code <= NON_WRITABLE);
    }

    /** The short texts of A.5.1, for a fault raised without a text of its own. */
    public static String standardText(int code) {
        return switch (code) {
            case METHOD_NOT_SUPPORTED -> "Method not supported";
            case REQUEST_DENIED -> "Request denied (no reason specified)";
            case INTERNAL_ERROR -> "Internal error";
            case INVALID_ARGUMENTS -> "Invalid arguments";
            case RESOURCES_EXCEEDED -> "Resources exceeded";
            case INVALID_PARAMETER_NAME -> "Invalid parameter name";
            case INVALID_PARAMETER_TYPE -> "Invalid parameter type";
            case INVALID_PARAMETER_VALUE -> "Invalid parameter value";
            case NON_WRITABLE -> "Attempt to set a non-writable parameter";
            case NOTIFICATION_REJECTED -> "Notification request rejected";
            case DOWNLOAD_FAILURE -> "Download failure";
            case TRANSFER_AUTH_FAILURE -> "File transfer server authentication failure";
            case UNSUPPORTED_PROTOCOL -> "Unsupported protocol for file transfer";
            case CANNOT_CONTACT_SERVER -> "Download failure: unable to contact file server";
            case CANNOT_ACCESS_FILE -> "Download failure: unable to access file";
            case CANNOT_COMPLETE_DOWNLOAD -> "Download failure: unable to complete download";
            case FILE_CORRUPTED -> "Download failure: file corrupted";
            default -> "Fault " + code;
        };
    }
}
