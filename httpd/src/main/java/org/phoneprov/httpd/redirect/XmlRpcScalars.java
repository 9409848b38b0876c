package org.phoneprov.httpd.redirect;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.phoneprov.httpd.redirect.XmlRpcReader.Refused;

/**
 * The texts of the spec's scalar types (http://xmlrpc.com/spec.md, "Scalar values") as values,
 * for {@link XmlRpcReader}; a text that is not one is refused with what it holds, in one line.
 */
final class XmlRpcScalars {
    private static final Pattern INT = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DOUBLE = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    /** The spec's example {@code 19980717T14:08:55}; the extended ISO form is also written by some clients. */
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT));

    private XmlRpcScalars() {
    }

    /** {@code <int>} or {@code <i4>}: "four-byte signed integer". */
    static int integer(String s, String type) throws Refused {
        if (!INT.matcher(s).matches()) {
            throw refused("<" + type + "> holds '" + XmlRpcReader.oneLine(s) + "', not a whole number");
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw refused("<" + type + "> " + XmlRpcReader.oneLine(s) + " is out of the four-byte signed range");
        }
    }

    static boolean bool(String s) throws Refused {
        // The spec says 0 (false) or 1 (true); "true"/"false" are also read, as gorilla-xmlrpc does.
        switch (s.toLowerCase(Locale.ROOT)) {
            case "1":
            case "true":
                return true;
            case "0":
            case "false":
                return false;
            default:
                throw refused("<boolean> holds '" + XmlRpcReader.oneLine(s) + "', not 0 or 1");
        }
    }

    /** The spec: "There is no representation for infinity or negative infinity or 'not a number'." */
    static double dbl(String s) throws Refused {
        if (DOUBLE.matcher(s).matches()) {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        }
        throw refused("<double> holds '" + XmlRpcReader.oneLine(s) + "', not a finite decimal number");
    }

    static LocalDateTime dateTime(String s) throws Refused {
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                return LocalDateTime.parse(s, f);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        throw refused("<dateTime.iso8601> holds '" + XmlRpcReader.oneLine(s) + "', not a date like 19980717T14:08:55");
    }

    static byte[] base64(String s) throws Refused {
        try {
            // Line breaks are usual (Python writes one every 76 characters); anything else not base64 is refused.
            return Base64.getDecoder().decode(s.replaceAll("[ \\t\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw refused("<base64> does not hold base64: " + XmlRpcReader.oneLine(e.getMessage()));
        }
    }

    private static Refused refused(String message) {
        return new Refused(Refused.Problem.STRUCTURE, message);
    }
}
