package org.phoneprov.acsd.cwmp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a SOAP body as {@link SoapReader} read it: its namespace and local name,
 * the attributes that matter to CWMP (by local name: {@code type}, {@code arrayType}), its
 * text (whitespace-trimmed; only leaves carry one) and its child elements. Argument
 * elements inside a CWMP RPC are unqualified (TR-069 A.2: "the argument names ... are not
 * namespace-qualified"), so children are looked up by local name only.
 */
public record XmlNode(String namespace, String name, Map<String, String> attributes, String text,
                      List<XmlNode> children) {
    public XmlNode {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public Optional<XmlNode> child(String local) {
        for (XmlNode c : children) {
            if (c.name.equals(local)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public List<XmlNode> children(String local) {
        return children.stream().filter(c -> c.name.equals(local)).toList();
    }

    /** The text of a child; empty when there is no such child. */
    public Optional<String> text(String local) {
        return child(local).map(XmlNode::text);
    }

    /** The text of a child that must be there; a missing one is a {@link CwmpParseException.Reason#BAD_RPC}. */
    public String required(String local) {
        return text(local).orElseThrow(() -> new CwmpParseException(CwmpParseException.Reason.BAD_RPC,
                name + " has no " + local));
    }

    /** An unsignedInt/int child; a missing or non-numeric one is a BAD_RPC. */
    public long number(String local) {
        String t = required(local);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new CwmpParseException(CwmpParseException.Reason.BAD_RPC, name + "." + local + " is not a number");
        }
    }

    /** xsd:boolean: {@code 1}, {@code true}, {@code 0}, {@code false} (XML Schema 3.2.2). */
    public boolean bool(String local) {
        String t = required(local);
        return switch (t) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new CwmpParseException(CwmpParseException.Reason.BAD_RPC, name + "." + local
                    + " is not a boolean");
        };
    }
}
