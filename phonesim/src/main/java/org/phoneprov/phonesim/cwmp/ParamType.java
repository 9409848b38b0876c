package org.phoneprov.phonesim.cwmp;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The data types a CWMP parameter has (TR-069 Amendment 6, A.2.1 "Data Types"; TR-106 3.2),
 * named on the wire as the {@code xsi:type} of a {@code Value}: {@code xsd:string},
 * {@code xsd:unsignedInt} and so on.
 */
public enum ParamType {
    STRING("string"),
    INT("int"),
    UNSIGNED_INT("unsignedInt"),
    LONG("long"),
    UNSIGNED_LONG("unsignedLong"),
    BOOLEAN("boolean"),
    DATE_TIME("dateTime"),
    BASE64("base64");

    private final String xsd;

    ParamType(String xsd) {
        this.xsd = xsd;
    }

    /** {@code xsd:unsignedInt}: how the type is written in {@code xsi:type}. */
    public String xsiType() {
        return "xsd:" + xsd;
    }

    /** The type of a data-model syntax name ({@code unsignedInt}) or an {@code xsi:type} ({@code xsd:unsignedInt}). */
    public static Optional<ParamType> parse(String name) {
        String bare = name.substring(name.indexOf(':') + 1).trim();
        for (ParamType t : values()) {
            if (t.xsd.equals(bare)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code value} is a value of this type (XML Schema lexical forms; boolean also
     * takes 0 and 1, TR-069 A.2.1). An empty dateTime is not allowed; 0001-01-01T00:00:00Z
     * is the "unknown time" of TR-069 A.2.1 and parses as any other.
     */
    public boolean accepts(String value) {
        try {
            return switch (this) {
                case STRING -> true;
                case INT -> inRange(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case UNSIGNED_INT -> inRange(value, 0, 0xFFFFFFFFL);
                case LONG -> {
                    Long.parseLong(value.trim());
                    yield true;
                }
                case UNSIGNED_LONG -> {
                    Long.parseUnsignedLong(value.trim());
                    yield !value.trim().startsWith("-");
                }
                case BOOLEAN -> switch (value.trim().toLowerCase(Locale.ROOT)) {
                    case "true", "false", "0", "1" -> true;
                    default -> false;
                };
                case DATE_TIME -> {
                    OffsetDateTime.parse(value.trim());
                    yield true;
                }
                case BASE64 -> {
                    Base64.getMimeDecoder().decode(value.trim());
                    yield true;
                }
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return false;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The value as this CPE stores it: booleans as {@code true}/{@code false}, numbers trimmed. */
    public String canonical(String value) {
        return switch (this) {
            case BOOLEAN -> Boolean.toString(value.trim().equals("1") || value.trim().equalsIgnoreCase("true"));
            case INT, UNSIGNED_INT, LONG, UNSIGNED_LONG -> value.trim();
            default -> value;
        };
    }

    private static boolean inRange(String value, long min, long max) {
        long v = Long.parseLong(value.trim());
        return v >= min && v <= max;
    }
}
