package org.phoneprov.acsd.rpc;

import java.util.ArrayList;
import java.util.List;
import org.phoneprov.acsd.cwmp.CwmpParseException;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.acsd.cwmp.XmlNode;

/**
 * A CPE's answer to an {@link RpcRequest} (TR-069 Amendment 6, Annex A.3.2 and A.4.1: each
 * method's "Response" arguments). Status 0 means applied; 1 means applied only after a
 * reboot or, for Download, that the transfer goes on and a TransferComplete follows.
 */
public sealed interface RpcResponse {
    String method();

    record GetRPCMethodsResponse(List<String> methods) implements RpcResponse {
        public GetRPCMethodsResponse {
            methods = List.copyOf(methods);
        }

        public String method() {
            return "GetRPCMethods";
        }
    }

    record ParameterInfo(String name, boolean writable) {
    }

    record GetParameterNamesResponse(List<ParameterInfo> parameters) implements RpcResponse {
        public GetParameterNamesResponse {
            parameters = List.copyOf(parameters);
        }

        public String method() {
            return "GetParameterNames";
        }
    }

    record GetParameterValuesResponse(List<ParameterValue> values) implements RpcResponse {
        public GetParameterValuesResponse {
            values = List.copyOf(values);
        }

        public String method() {
            return "GetParameterValues";
        }
    }

    /** Status 1: "the changes have been validated and committed, but not yet applied" (reboot pending). */
    record SetParameterValuesResponse(int status) implements RpcResponse {
        public String method() {
            return "SetParameterValues";
        }
    }

    record SetParameterAttributesResponse() implements RpcResponse {
        public String method() {
            return "SetParameterAttributes";
        }
    }

    record ParameterAttribute(String name, int notification, List<String> accessList) {
        public ParameterAttribute {
            accessList = List.copyOf(accessList);
        }
    }

    record GetParameterAttributesResponse(List<ParameterAttribute> attributes) implements RpcResponse {
        public GetParameterAttributesResponse {
            attributes = List.copyOf(attributes);
        }

        public String method() {
            return "GetParameterAttributes";
        }
    }

    record AddObjectResponse(long instanceNumber, int status) implements RpcResponse {
        public String method() {
            return "AddObject";
        }
    }

    record DeleteObjectResponse(int status) implements RpcResponse {
        public String method() {
            return "DeleteObject";
        }
    }

    record RebootResponse() implements RpcResponse {
        public String method() {
            return "Reboot";
        }
    }

    /** Status 0: downloaded and applied; 1: not yet, a TransferComplete with the CommandKey follows. */
    record DownloadResponse(int status, String startTime, String completeTime) implements RpcResponse {
        public String method() {
            return "Download";
        }
    }

    record FactoryResetResponse() implements RpcResponse {
        public String method() {
            return "FactoryReset";
        }
    }

    /**
     * Reads {@code METHODResponse}; a response of another method than the one in flight, or one
     * missing a required argument, is a {@link CwmpParseException.Reason#BAD_RPC}.
     */
    static RpcResponse decode(String method, XmlNode body) {
        if (!body.name().equals(method + "Response")) {
            throw new CwmpParseException(CwmpParseException.Reason.BAD_RPC, body.name() + " does not answer " + method);
        }
        return switch (method) {
            case "GetRPCMethods" -> new GetRPCMethodsResponse(strings(body, "MethodList"));
            case "GetParameterNames" -> new GetParameterNamesResponse(list(body).children("ParameterInfoStruct")
                    .stream().map(p -> new ParameterInfo(p.required("Name"), p.bool("Writable"))).toList());
            case "GetParameterValues" -> new GetParameterValuesResponse(ParameterValue.list(list(body)));
            case "SetParameterValues" -> new SetParameterValuesResponse((int) body.number("Status"));
            case "SetParameterAttributes" -> new SetParameterAttributesResponse();
            case "GetParameterAttributes" -> new GetParameterAttributesResponse(list(body)
                    .children("ParameterAttributeStruct").stream().map(p -> new ParameterAttribute(p.required("Name"),
                            (int) p.number("Notification"), strings(p, "AccessList"))).toList());
            case "AddObject" -> new AddObjectResponse(body.number("InstanceNumber"), (int) body.number("Status"));
            case "DeleteObject" -> new DeleteObjectResponse((int) body.number("Status"));
            case "Reboot" -> new RebootResponse();
            case "Download" -> new DownloadResponse((int) body.number("Status"), body.text("StartTime").orElse(""),
                    body.text("CompleteTime").orElse(""));
            case "FactoryReset" -> new FactoryResetResponse();
            default -> throw new CwmpParseException(CwmpParseException.Reason.BAD_RPC, "no response known for " + method);
        };
    }

    private static XmlNode list(XmlNode body) {
        return body.child("ParameterList").orElseThrow(() -> new CwmpParseException(CwmpParseException.Reason.BAD_RPC,
                body.name() + " has no ParameterList"));
    }

    private static List<String> strings(XmlNode parent, String name) {
        List<String> out = new ArrayList<>();
        parent.child(name).ifPresent(l -> l.children().forEach(s -> out.add(s.text())));
        return out;
    }
}
