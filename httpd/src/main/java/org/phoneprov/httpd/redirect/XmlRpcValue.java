package org.phoneprov.httpd.redirect;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An XML-RPC value (http://xmlrpc.com/spec.md, "Scalar values", "struct", "array"). {@code nil}
 * is not part of the spec and is not modelled; {@code i4} and {@code int} are both {@link Int}.
 */
public sealed interface XmlRpcValue {
    /** The element name the spec gives the type, for messages: "string", "int", ... */
    String typeName();

    /** {@code <string>}, or a {@code <value>} with no type element: "If no type is indicated, the type is string." */
    record Str(String value) implements XmlRpcValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "string";
        }
    }

    /** {@code <i4>} or {@code <int>}: "four-byte signed integer". */
    record Int(int value) implements XmlRpcValue {
        @Override
        public String typeName() {
            return "int";
        }
    }

    /** {@code <boolean>}: 0 (false) or 1 (true). */
    record Bool(boolean value) implements XmlRpcValue {
        @Override
        public String typeName() {
            return "boolean";
        }
    }

    /** {@code <double>}, finite ("There is no representation for infinity ... or 'not a number'"). */
    record Dbl(double value) implements XmlRpcValue {
        public Dbl {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("an XML-RPC double is finite, got " + value);
            }
        }

        @Override
        public String typeName() {
            return "double";
        }
    }

    /** {@code <dateTime.iso8601>}, e.g. {@code 19980717T14:08:55}; the spec gives it no time zone. */
    record DateTime(LocalDateTime value) implements XmlRpcValue {
        public DateTime {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "dateTime.iso8601";
        }
    }

    /** {@code <base64>}: the decoded bytes (a copy is kept and handed out). */
    record Bytes(byte[] value) implements XmlRpcValue {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public String typeName() {
            return "base64";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.value, value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + Base64.getEncoder().encodeToString(value) + "]";
        }
    }

    /** {@code <array><data>...</data></array>}. */
    record Array(List<XmlRpcValue> values) implements XmlRpcValue {
        public Array {
            values = List.copyOf(values);
        }

        @Override
        public String typeName() {
            return "array";
        }
    }

    /** {@code <struct>}: members in document order; names are unique (the decoder refuses duplicates). */
    record Struct(Map<String, XmlRpcValue> members) implements XmlRpcValue {
        public Struct {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        @Override
        public String typeName() {
            return "struct";
        }
    }

    static Array array(XmlRpcValue... values) {
        return new Array(List.of(values));
    }
}
