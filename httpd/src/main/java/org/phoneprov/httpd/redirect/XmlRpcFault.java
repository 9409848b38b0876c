package org.phoneprov.httpd.redirect;

/**
 * A request that gets an XML-RPC {@code <fault>} instead of a result. The XML-RPC spec leaves
 * fault codes to each server; the codes here are the de-facto ones of the "Specification for
 * Fault Code Interoperability, version 20010516" (Dan Libby,
 * http://xmlrpc-epi.sourceforge.net/specs/rfc.fault_codes.php), which xmlrpc-epi (PHP's xmlrpc
 * extension, used by the peoplefone client) and gorilla-xmlrpc (used by Falconieri,
 * {@code xml/fault.go}) also use.
 */
public final class XmlRpcFault extends Exception {
    /** "-32700 ---> parse error. not well formed". */
    public static final int PARSE_ERROR = -32700;
    /** "-32701 ---> parse error. unsupported encoding". */
    public static final int UNSUPPORTED_ENCODING = -32701;
    /** "-32702 ---> parse error. invalid character for encoding". */
    public static final int INVALID_CHARACTER = -32702;
    /** "-32600 ---> server error. invalid xml-rpc. not conforming to spec.". */
    public static final int INVALID_REQUEST = -32600;
    /** "-32601 ---> server error. requested method not found". */
    public static final int METHOD_NOT_FOUND = -32601;
    /** "-32602 ---> server error. invalid method parameters". */
    public static final int INVALID_PARAMS = -32602;
    /** "-32500 ---> application error". */
    public static final int APPLICATION_ERROR = -32500;
    /** "-32400 ---> system error": here, the registration store cannot be read or written. */
    public static final int SYSTEM_ERROR = -32400;

    private final int code;

    public XmlRpcFault(int code, String message) {
        super(message, null, false, false); // a reply, not a bug: no stack trace
        this.code = code;
    }

    public int code() {
        return code;
    }
}
