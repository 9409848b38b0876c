package org.phoneprov.phonesim.cwmp;

import static org.phoneprov.phonesim.cwmp.SoapReader.arg;
import static org.phoneprov.phonesim.cwmp.SoapReader.child;
import static org.phoneprov.phonesim.cwmp.SoapReader.children;
import static org.phoneprov.phonesim.cwmp.SoapReader.number;
import static org.phoneprov.phonesim.cwmp.SoapReader.optionalArg;


import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The arguments of each ACS request, read from its RPC element as TR-069 Amendment 6 A.3.2
 * and A.4.1 name them. A missing or malformed argument is an {@link IllegalArgumentException},
 * which the CPE answers with fault 9003.
 */
final class CpeRequests {
    private CpeRequests() {
    }

    static CpeRequest of(String method, Element rpc) {
        return switch (method) {
            case "GetRPCMethods" -> new CpeRequest.GetRPCMethods();
            case "GetParameterNames" -> new CpeRequest.GetParameterNames(optionalArg(rpc, "ParameterPath"),
                    SoapReader.bool(arg(rpc, "NextLevel")));
            case "GetParameterValues" -> new CpeRequest.GetParameterValues(strings(rpc, "ParameterNames"));
            case "GetParameterAttributes" -> new CpeRequest.GetParameterAttributes(strings(rpc, "ParameterNames"));
            case "SetParameterValues" -> new CpeRequest.SetParameterValues(writes(rpc),
                    optionalArg(rpc, "ParameterKey"));
            case "SetParameterAttributes" -> new CpeRequest.SetParameterAttributes(attributeChanges(rpc));
            case "AddObject" -> new CpeRequest.AddObject(arg(rpc, "ObjectName"), optionalArg(rpc, "ParameterKey"));
            case "DeleteObject" -> new CpeRequest.DeleteObject(arg(rpc, "ObjectName"),
                    optionalArg(rpc, "ParameterKey"));
            case "Reboot" -> new CpeRequest.Reboot(optionalArg(rpc, "CommandKey"));
            case "FactoryReset" -> new CpeRequest.FactoryReset();
            case "Download" -> new CpeRequest.Download(optionalArg(rpc, "CommandKey"), arg(rpc, "FileType"),
                    arg(rpc, "URL"), optionalArg(rpc, "Username"), optionalArg(rpc, "Password"),
                    number(rpc, "FileSize", 0), optionalArg(rpc, "TargetFileName"), number(rpc, "DelaySeconds", 0));
            default -> new CpeRequest.Unknown(method, "");
        };
    }

    private static Element array(Element rpc, String name) {
        return child(rpc, name).orElseThrow(() -> new IllegalArgumentException(rpc.getLocalName() + " without "
                + name));
    }

    private static List<String> strings(Element rpc, String name) {
        return children(array(rpc, name)).stream().map(SoapReader::text).toList();
    }

    /** ParameterList of ParameterValueStruct: Name and a Value whose xsi:type is kept. */
    private static List<ParameterWrites.Write> writes(Element rpc) {
        List<ParameterWrites.Write> out = new ArrayList<>();
        for (Element s : children(array(rpc, "ParameterList"))) {
            Element value = child(s, "Value").orElseThrow(() -> new IllegalArgumentException(
                    "ParameterValueStruct without Value"));
            String type = value.getAttributeNS(SoapNames.XSI, "type");
            // Leading and trailing blanks of a string value are the ACS's, not formatting: keep them.
            String raw = value.getTextContent() == null ? "" : value.getTextContent();
            out.add(new ParameterWrites.Write(arg(s, "Name"), raw, type.isEmpty() ? Optional.empty()
                    : Optional.of(type)));
        }
        return out;
    }

    private static List<ParameterWrites.AttributeChange> attributeChanges(Element rpc) {
        List<ParameterWrites.AttributeChange> out = new ArrayList<>();
        for (Element s : children(array(rpc, "ParameterList"))) {
            List<String> access = child(s, "AccessList").map(a -> children(a).stream().map(SoapReader::text)
                    .toList()).orElse(List.of());
            out.add(new ParameterWrites.AttributeChange(optionalArg(s, "Name"),
                    SoapReader.bool(optionalArg(s, "NotificationChange")), (int) number(s, "Notification", 0),
                    SoapReader.bool(optionalArg(s, "AccessListChange")), access));
        }
        return out;
    }

}
