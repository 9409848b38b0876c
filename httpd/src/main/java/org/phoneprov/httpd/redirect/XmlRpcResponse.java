package org.phoneprov.httpd.redirect;

import java.util.Objects;
import java.util.Optional;

/** What a client made of a {@code <methodResponse>} body ({@link XmlRpcResponseDecoder}). */
public sealed interface XmlRpcResponse {
    /** {@code <params><param><value>}: the method's one result. */
    record Result(XmlRpcValue value) implements XmlRpcResponse {
        public Result {
            Objects.requireNonNull(value, "value");
        }

        /**
         * The result as the {@code [boolean, string]} pair every {@code autoprov.*} method answers
         * (docs/vendor-formats.md section 3; {@link RedirectRegistry.Result#toXmlRpc()}), or empty
         * when it has another shape.
         */
        public Optional<RedirectRegistry.Result> autoprov() {
            if (value instanceof XmlRpcValue.Array a && a.values().size() == 2
                    && a.values().get(0) instanceof XmlRpcValue.Bool ok
                    && a.values().get(1) instanceof XmlRpcValue.Str message) {
                return Optional.of(new RedirectRegistry.Result(ok.value(), message.value()));
            }
            return Optional.empty();
        }
    }

    /** {@code <fault>}: the struct's {@code faultCode} and {@code faultString} (codes: {@link XmlRpcFault}). */
    record Fault(int code, String message) implements XmlRpcResponse {
        public Fault {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A body that is not a methodResponse as the spec describes it, and why, in one line. */
    record Unreadable(String reason) implements XmlRpcResponse {
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
