package org.phoneprov.acsd.cwmp;

/**
 * Builds the XML of an envelope's body as text. Element names come from code, never from a
 * CPE; values and attribute values are escaped (XML 1.0 2.4), and characters XML 1.0 cannot
 * carry at all are dropped, so whatever an admin or a CPE put in a value cannot break the
 * document.
 */
public final class XmlText {
    private final StringBuilder b = new StringBuilder(512);

    public XmlText open(String name) {
        b.append('<').append(name).append('>');
        return this;
    }

    /** {@code <name attr="value">}. */
    public XmlText open(String name, String attr, String value) {
        b.append('<').append(name).append(' ').append(attr).append("=\"");
        escape(value, true);
        b.append("\">");
        return this;
    }

    public XmlText close(String name) {
        b.append("</").append(name).append('>');
        return this;
    }

    public XmlText leaf(String name, String value) {
        open(name);
        escape(value, false);
        return close(name);
    }

    public XmlText leaf(String name, long value) {
        return leaf(name, Long.toString(value));
    }

    public XmlText leaf(String name, boolean value) {
        return leaf(name, value ? "1" : "0");
    }

    /** {@code <name attr="value">text</name>}. */
    public XmlText leaf(String name, String attr, String attrValue, String value) {
        open(name, attr, attrValue);
        escape(value, false);
        return close(name);
    }

    public XmlText empty(String name) {
        b.append('<').append(name).append("/>");
        return this;
    }

    XmlText raw(String xml) {
        b.append(xml);
        return this;
    }

    private void escape(String s, boolean attribute) {
        s.chars().forEach(c -> b.append(escaped((char) c, attribute)));
    }

    /** The text one character stands for in element content or an attribute value. */
    private static String escaped(char c, boolean attribute) {
        if (c == '<' || c == '>' || c == '&' || (attribute && c == '"')) {
            return c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : "&quot;";
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            // An attribute value's whitespace is normalised to spaces unless written as a reference (XML 1.0 3.3.3).
            return attribute ? "&#" + (int) c + ";" : String.valueOf(c);
        }
        return c < 0x20 || c == 0xFFFE || c == 0xFFFF ? "" : String.valueOf(c);
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
