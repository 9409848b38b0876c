package org.phoneprov.phonesim.cwmp;

import java.util.List;
import java.util.Optional;

/**
 * One object or parameter of a data model, named as a template: {@code {i}} stands for an
 * instance number (TR-106 3.1 "Data Hierarchy"), relative to the root object
 * ({@code Services.VoiceService.{i}.VoiceProfile.{i}.Line.{i}.Enable}).
 *
 * @param writable   for a parameter, SetParameterValues may change it; for a table (an object
 *                   whose name ends {@code {i}.}), AddObject and DeleteObject may change it
 * @param limit      a string's maximum length ({@code 256}) or a number's range ({@code 0-65535},
 *                   {@code 1-}); empty for none
 * @param enums      the only values allowed; empty for any
 * @param hidden     read back as an empty string (TR-106 A.2.2.1 {@code hidden}, e.g. passwords)
 * @param entries    for a table, its {@code numEntriesParameter} in the parent object
 */
public record NodeDef(String name, boolean object, ParamType type, boolean writable, String defaultValue,
                      String limit, List<String> enums, boolean hidden, Optional<String> entries) {
    public NodeDef {
        enums = List.copyOf(enums);
    }

    static NodeDef param(String name, ParamType type, boolean writable, String defaultValue) {
        return new NodeDef(name, false, type, writable, defaultValue, "", List.of(), false, Optional.empty());
    }

    static NodeDef object(String name) {
        return new NodeDef(name, true, ParamType.STRING, false, "", "", List.of(), false, Optional.empty());
    }

    NodeDef hiddenValue() {
        return new NodeDef(name, object, type, writable, defaultValue, limit, enums, true, entries);
    }

    /** A multi-instance object: {@code Line.{i}.}. */
    public boolean table() {
        return object && name.endsWith(".{i}.");
    }

    /** Why {@code value} is not allowed here (fault 9007), or empty when it is. */
    Optional<String> invalid(String value) {
        if (!type.accepts(value)) {
            return Optional.of("not a " + type.xsiType() + ": '" + value + "'");
        }
        if (!enums.isEmpty() && !enums.contains(value)) {
            return Optional.of("'" + value + "' is not one of " + enums);
        }
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        if (type == ParamType.STRING) {
            return value.length() > Integer.parseInt(limit)
                    ? Optional.of("longer than " + limit + " characters") : Optional.empty();
        }
        int dash = limit.indexOf('-');
        long v = Long.parseLong(value.trim());
        long min = Long.parseLong(limit.substring(0, dash));
        String maxText = limit.substring(dash + 1);
        if (v < min || (!maxText.isEmpty() && v > Long.parseLong(maxText))) {
            return Optional.of(v + " is outside " + limit);
        }
        return Optional.empty();
    }
}
