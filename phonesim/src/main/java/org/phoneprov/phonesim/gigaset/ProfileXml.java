package org.phoneprov.phonesim.gigaset;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a Gigaset profile (docs/vendor-formats.md 2.1, 2.2) into its settings: under
 * {@code <ProviderFrame>} (and its {@code <Provider>}), each {@code <SYMB_ITEM ID=".." value=".."/>}
 * is the setting {@code ID}, and any other element with a {@code value} attribute
 * ({@code <S_SIP_LOGIN_ID_1 class="string" value="..."/>}, {@code MAC_ADDRESS}, {@code PROFILE_NAME})
 * is the setting of its name. A {@code SYMB_ITEM} string is double-quoted inside the attribute
 * ({@code value='"1001"'}); the quotes are taken off.
 *
 * <p>Hardened, since a profile comes off the network: a DOCTYPE is refused when it is seen, no
 * external entity or DTD is ever read, and the size and the number of settings are bounded.
 * Never throws: what cannot be read is {@link Unreadable}, with the reason.
 */
final class ProfileXml {
    /** Far above a six-line profile's few kilobytes. */
    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_SETTINGS = 10_000;
    static final String ROOT = "ProviderFrame";
    static final String MAC_ADDRESS = "MAC_ADDRESS";
    static final String PROFILE_NAME = "PROFILE_NAME";
    private static final String ITEM = "SYMB_ITEM";

    private ProfileXml() {
    }

    sealed interface Read permits Profile, Unreadable {
    }

    /** @param settings setting → value, in document order; a later one of the same name wins */
    record Profile(Map<String, String> settings) implements Read {
        Profile {
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        Optional<String> get(String name) {
            return Optional.ofNullable(settings.get(name));
        }
    }

    record Unreadable(String why) implements Read {
    }

    static Read parse(byte[] xml) {
        if (xml.length > MAX_BYTES) {
            return new Unreadable("a profile of " + xml.length + " bytes, over the " + MAX_BYTES + " a phone reads");
        }
        XMLStreamReader r = null;
        try {
            r = factory().createXMLStreamReader(new ByteArrayInputStream(xml));
            return read(r);
        } catch (XMLStreamException | RuntimeException e) {
            return new Unreadable("not well-formed XML: " + oneLine(e.getMessage()));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held but the parser's buffers
                }
            }
        }
    }

    private static Read read(XMLStreamReader r) throws XMLStreamException {
        Map<String, String> settings = new LinkedHashMap<>();
        int depth = 0;
        boolean sawRoot = false;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.DTD) {
                return new Unreadable("a profile with a DOCTYPE: refused, no DTD or entity is read");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            depth++;
            String name = r.getLocalName();
            if (depth == 1) {
                if (!name.equals(ROOT)) {
                    return new Unreadable("the root element is <" + name + ">, not <" + ROOT + ">");
                }
                sawRoot = true;
                continue;
            }
            if (settings.size() == MAX_SETTINGS) {
                return new Unreadable("more than " + MAX_SETTINGS + " settings");
            }
            if (name.equals(ITEM)) {
                String id = r.getAttributeValue(null, "ID");
                String value = r.getAttributeValue(null, "value");
                if (id != null && value != null) {
                    settings.put(id, unquoted(value));
                }
            } else {
                String value = r.getAttributeValue(null, "value");
                if (value != null) {
                    settings.put(name, value);
                }
            }
        }
        return sawRoot ? new Profile(settings) : new Unreadable("no root element");
    }

    /** {@code "1001"} → {@code 1001}: how a SYMB_ITEM writes a string; a number stays as it is. */
    static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static XMLInputFactory factory() {
        // The JDK's own parser, so these settings mean what they say (as httpd's XmlRpcDecoder).
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entities are not read: " + systemId);
        });
        return f;
    }

    private static String oneLine(String s) {
        String t = s == null ? "unknown" : s.replaceAll("\\s+", " ").strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
