package org.phoneprov.httpd.redirect;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phoneprov.httpd.redirect.XmlRpcReader.Refused;

/**
 * An XML-RPC body as text, for both decoders ({@link XmlRpcReader}). Decoded here, not by the
 * parser, because the JDK parser prints bytes wrong for the encoding to stderr as a "[Fatal Error]"
 * line, and so that they are a clean {@link Refused.Problem#CHARACTER}. The encoding is found as
 * XML 1.0 appendix F says: a byte order mark (or the {@code <?} of a UTF-16 document without one),
 * else the {@code encoding} of the XML declaration (PHP's xmlrpc extension declares
 * {@code iso-8859-1} by default), else UTF-8.
 */
final class XmlRpcCharset {
    /** The encoding in an XML declaration (XML 1.0 production EncName). */
    private static final Pattern DECLARED = Pattern.compile(
            "<\\?xml\\s[^>]*?encoding\\s*=\\s*([\"'])([A-Za-z][A-Za-z0-9._-]*)\\1");

    private XmlRpcCharset() {
    }

    /** The body decoded strictly: a malformed or unmappable byte is refused, not replaced. */
    static String text(byte[] body, String reader) throws Refused {
        Charset cs;
        int skip = 0;
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            cs = StandardCharsets.UTF_8;
            skip = 3;
        } else if (startsWith(body, 0xFE, 0xFF) || startsWith(body, 0x00, '<', 0x00, '?')) {
            cs = StandardCharsets.UTF_16BE;
            skip = body[0] == 0 ? 0 : 2;
        } else if (startsWith(body, 0xFF, 0xFE) || startsWith(body, '<', 0x00, '?', 0x00)) {
            cs = StandardCharsets.UTF_16LE;
            skip = body[0] == '<' ? 0 : 2;
        } else {
            cs = declared(body, reader);
        }
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, skip, body.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(Refused.Problem.CHARACTER, "the body is not valid " + cs.name()
                    + ", the encoding it declares or implies (" + XmlRpcReader.oneLine(e.getMessage() == null ? e.toString() : e.getMessage()) + ")");
        }
    }

    private static Charset declared(byte[] body, String reader) throws Refused {
        String head = new String(body, 0, Math.min(body.length, 256), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("?>");
        Matcher m = DECLARED.matcher(end < 0 ? head : head.substring(0, end));
        if (!m.lookingAt()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(m.group(2));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new Refused(Refused.Problem.ENCODING, "encoding '" + m.group(2) + "' is not one this " + reader
                    + " knows; UTF-8 is");
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
