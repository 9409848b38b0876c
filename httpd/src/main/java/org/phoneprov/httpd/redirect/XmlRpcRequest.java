package org.phoneprov.httpd.redirect;

import java.util.List;
import java.util.Objects;

/** A decoded {@code <methodCall>}: the method name and its positional parameters. */
public record XmlRpcRequest(String methodName, List<XmlRpcValue> params) {
    public XmlRpcRequest {
        Objects.requireNonNull(methodName, "methodName");
        params = List.copyOf(params);
    }
}
