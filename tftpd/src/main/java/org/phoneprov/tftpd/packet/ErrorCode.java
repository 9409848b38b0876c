package org.phoneprov.tftpd.packet;

/** TFTP error codes (RFC 1350, 8 from RFC 2347); unknown codes pass through valueOf. */
public record ErrorCode(int code) {
    public static final ErrorCode NOT_DEFINED = new ErrorCode(0);
    public static final ErrorCode FILE_NOT_FOUND = new ErrorCode(1);
    public static final ErrorCode ACCESS_VIOLATION = new ErrorCode(2);
    public static final ErrorCode DISK_FULL = new ErrorCode(3);
    public static final ErrorCode ILLEGAL_OPERATION = new ErrorCode(4);
    public static final ErrorCode UNKNOWN_TID = new ErrorCode(5);
    public static final ErrorCode FILE_EXISTS = new ErrorCode(6);
    public static final ErrorCode NO_SUCH_USER = new ErrorCode(7);
    public static final ErrorCode OPTION_REFUSED = new ErrorCode(8);

    public static ErrorCode valueOf(int code) {
        return switch (code) {
            case 0 -> NOT_DEFINED;
            case 1 -> FILE_NOT_FOUND;
            case 2 -> ACCESS_VIOLATION;
            case 3 -> DISK_FULL;
            case 4 -> ILLEGAL_OPERATION;
            case 5 -> UNKNOWN_TID;
            case 6 -> FILE_EXISTS;
            case 7 -> NO_SUCH_USER;
            case 8 -> OPTION_REFUSED;
            default -> new ErrorCode(code);
        };
    }
}
