package org.phoneprov.acsd.cwmp;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes the ACS's envelopes (TR-069 Amendment 6, 3.5): the SOAP 1.1 envelope with the
 * namespace prefixes CPEs commonly expect ({@code soap-env}, {@code soap-enc}, {@code xsd},
 * {@code xsi}, {@code cwmp}), the {@code cwmp:ID} header with {@code mustUnderstand="1"}
 * when there is one to echo or send, and one body element. Stateless.
 */
public final class SoapWriter {
    private SoapWriter() {
    }

    /** An envelope whose body is {@code <cwmp:NAME>...</cwmp:NAME>}, filled by {@code args}. */
    public static byte[] rpc(CwmpVersion v, Optional<String> id, String name, Consumer<XmlText> args) {
        XmlText body = new XmlText().open("cwmp:" + name);
        args.accept(body);
        body.close("cwmp:" + name);
        return envelope(v, id, body);
    }

    /**
     * A SOAP Fault carrying a CWMP fault (TR-069 A.5; SOAP 1.1 4.4): faultcode Client or
     * Server, faultstring "CWMP fault", and the cwmp:Fault detail.
     */
    public static byte[] fault(CwmpVersion v, Optional<String> id, FaultCode code, String detail) {
        XmlText body = new XmlText().open("soap-env:Fault")
                .leaf("faultcode", code.client() ? "Client" : "Server")
                .leaf("faultstring", "CWMP fault")
                .open("detail").open("cwmp:Fault")
                .leaf("FaultCode", code.code())
                .leaf("FaultString", detail.isEmpty() ? code.text() : code.text() + ": " + detail)
                .close("cwmp:Fault").close("detail")
                .close("soap-env:Fault");
        return envelope(v, id, body);
    }

    private static byte[] envelope(CwmpVersion v, Optional<String> id, XmlText body) {
        XmlText x = new XmlText().raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .raw("<soap-env:Envelope xmlns:soap-env=\"" + Envelope.SOAP_ENV + "\" xmlns:soap-enc=\""
                        + Envelope.SOAP_ENC + "\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
                        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:cwmp=\"" + v.namespace()
                        + "\">");
        x.open("soap-env:Header");
        id.ifPresent(i -> x.leaf("cwmp:ID", "soap-env:mustUnderstand", "1", i));
        x.close("soap-env:Header");
        x.open("soap-env:Body").raw(body.toString()).close("soap-env:Body");
        x.close("soap-env:Envelope");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }
}
