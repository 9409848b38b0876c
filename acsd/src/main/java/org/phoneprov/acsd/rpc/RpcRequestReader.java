package org.phoneprov.acsd.rpc;

import java.util.List;
import org.phoneprov.acsd.cwmp.CwmpParseException;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.acsd.cwmp.XmlNode;

/**
 * Reads back an {@link RpcRequest} from the element {@link RpcRequest#write} wrote: how a
 * persistent store keeps a queued task's request, in the form the CPE will get it.
 */
public final class RpcRequestReader {
    private RpcRequestReader() {
    }

    public static RpcRequest read(XmlNode rpc) {
        return switch (rpc.name()) {
            case "GetRPCMethods" -> new RpcRequest.GetRPCMethods();
            case "GetParameterNames" -> new RpcRequest.GetParameterNames(rpc.required("ParameterPath"),
                    rpc.bool("NextLevel"));
            case "GetParameterValues" -> new RpcRequest.GetParameterValues(strings(rpc, "ParameterNames"));
            case "SetParameterValues" -> new RpcRequest.SetParameterValues(ParameterValue.list(rpc.child("ParameterList")
                    .orElseThrow(() -> bad(rpc, "ParameterList"))), rpc.required("ParameterKey"));
            case "SetParameterAttributes" -> new RpcRequest.SetParameterAttributes(rpc.child("ParameterList")
                    .orElseThrow(() -> bad(rpc, "ParameterList")).children("SetParameterAttributesStruct").stream()
                    .map(s -> new RpcRequest.AttributeChange(s.required("Name"), s.bool("NotificationChange"),
                            (int) s.number("Notification"), s.bool("AccessListChange"), strings(s, "AccessList")))
                    .toList());
            case "GetParameterAttributes" -> new RpcRequest.GetParameterAttributes(strings(rpc, "ParameterNames"));
            case "AddObject" -> new RpcRequest.AddObject(rpc.required("ObjectName"), rpc.required("ParameterKey"));
            case "DeleteObject" -> new RpcRequest.DeleteObject(rpc.required("ObjectName"), rpc.required("ParameterKey"));
            case "Reboot" -> new RpcRequest.Reboot(rpc.required("CommandKey"));
            case "Download" -> new RpcRequest.Download(rpc.required("CommandKey"), rpc.required("FileType"),
                    rpc.required("URL"), rpc.required("Username"), rpc.required("Password"), rpc.number("FileSize"),
                    rpc.required("TargetFileName"), rpc.number("DelaySeconds"), rpc.required("SuccessURL"),
                    rpc.required("FailureURL"));
            case "FactoryReset" -> new RpcRequest.FactoryReset();
            default -> throw new CwmpParseException(CwmpParseException.Reason.BAD_RPC, "no request " + rpc.name());
        };
    }

    private static List<String> strings(XmlNode parent, String name) {
        return parent.child(name).orElseThrow(() -> bad(parent, name)).children("string").stream().map(XmlNode::text)
                .toList();
    }

    private static CwmpParseException bad(XmlNode parent, String name) {
        return new CwmpParseException(CwmpParseException.Reason.BAD_RPC, parent.name() + " has no " + name);
    }
}
