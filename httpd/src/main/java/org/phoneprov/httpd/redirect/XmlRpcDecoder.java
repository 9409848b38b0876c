package org.phoneprov.httpd.redirect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.phoneprov.httpd.redirect.XmlRpcReader.Refused;

/**
 * Reads an XML-RPC {@code <methodCall>} (http://xmlrpc.com/spec.md), hardened as
 * {@link XmlRpcReader} says: no DOCTYPE of any kind (so no external entities, no entity
 * expansion), bodies over {@link #DEFAULT_MAX_BYTES}, values nested deeper than
 * {@link #DEFAULT_MAX_DEPTH}, more than {@link #DEFAULT_MAX_VALUES} values, and texts longer than
 * {@link #DEFAULT_MAX_TEXT} are refused. Every problem is an {@link XmlRpcFault}: {@link XmlRpcFault#PARSE_ERROR}
 * for what the XML parser refuses or what is refused before parsing (size, DOCTYPE),
 * {@link XmlRpcFault#UNSUPPORTED_ENCODING} and {@link XmlRpcFault#INVALID_CHARACTER} for an unknown
 * encoding or bytes wrong for it, {@link XmlRpcFault#INVALID_REQUEST} for well-formed XML that is not
 * a methodCall as the spec describes it or exceeds a structural limit. No unchecked exception
 * leaves {@link #decode}.
 *
 * <p>The encoding comes from the document (BOM or XML declaration), so PHP's xmlrpc extension
 * with its default {@code encoding="iso-8859-1"} declaration is read correctly. Thread-safe: each
 * call makes its own parser.
 */
public final class XmlRpcDecoder {
    /** The body the caller (the HTTP handler) should accept at most, and that decode checks again. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    /** Arrays and structs inside each other; a top-level parameter is depth 1. */
    public static final int DEFAULT_MAX_DEPTH = 16;
    /** {@code <value>} elements in the whole request. */
    public static final int DEFAULT_MAX_VALUES = 1024;
    /** Characters in one text: a string, a member name, a number, base64. */
    public static final int DEFAULT_MAX_TEXT = 8 * 1024;
    private static final int MAX_METHOD_NAME = 128;
    /** The spec: "The string may only contain identifier characters, upper and lower-case A-Z, the
     * numeric characters, 0-9, underscore, dot, colon and slash." */
    private static final Pattern METHOD_NAME = Pattern.compile("[A-Za-z0-9_.:/]+");

    private final XmlRpcReader.Rules rules;

    public XmlRpcDecoder() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_VALUES, DEFAULT_MAX_TEXT);
    }

    public XmlRpcDecoder(int maxBytes, int maxDepth, int maxValues, int maxText) {
        // A server reads every type the spec has: its callers are any XML-RPC library.
        this.rules = new XmlRpcReader.Rules("methodCall", "server", XmlRpcReader.ALL_TYPES, maxBytes, maxDepth,
                maxValues, maxText);
    }

    public int maxBytes() {
        return rules.maxBytes();
    }

    /** Decodes a whole request body. */
    public XmlRpcRequest decode(byte[] body) throws XmlRpcFault {
        try {
            return XmlRpcReader.read(body, rules, XmlRpcDecoder::methodCall);
        } catch (Refused e) {
            throw new XmlRpcFault(code(e.problem()), e.getMessage());
        }
    }

    /** The xmlrpc-epi fault code (the interop spec {@link XmlRpcFault} cites) for each kind of refusal. */
    private static int code(Refused.Problem p) {
        return switch (p) {
            case PARSE -> XmlRpcFault.PARSE_ERROR;
            case ENCODING -> XmlRpcFault.UNSUPPORTED_ENCODING;
            case CHARACTER -> XmlRpcFault.INVALID_CHARACTER;
            case STRUCTURE -> XmlRpcFault.INVALID_REQUEST;
        };
    }

    /** Inside {@code <methodCall>}: its {@code <methodName>} and optional {@code <params>}, through its end tag. */
    private static XmlRpcRequest methodCall(XmlRpcReader in) throws XMLStreamException, Refused {
        in.expectStart("methodName", "methodCall");
        String name = in.text("methodName").trim();
        if (name.length() > MAX_METHOD_NAME || !METHOD_NAME.matcher(name).matches()) {
            throw XmlRpcReader.structure("the method name is not 1 to " + MAX_METHOD_NAME
                    + " of the characters the spec allows (A-Z a-z 0-9 _ . : /)");
        }
        List<XmlRpcValue> params = new ArrayList<>();
        int e = in.next();
        if (e == XMLStreamConstants.START_ELEMENT) {
            if (!in.name().equals("params")) {
                throw in.unexpected("methodCall", "<params>");
            }
            while (in.nextStart("param", "params")) {
                in.expectStart("value", "param");
                params.add(in.value());
                in.expectEnd("param");
            }
            e = in.next();
        }
        if (e != XMLStreamConstants.END_ELEMENT) {
            throw in.unexpected("methodCall", "</methodCall>");
        }
        return new XmlRpcRequest(name, params);
    }
}
