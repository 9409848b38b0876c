package org.phoneprov.httpd.redirect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.httpd.LogText;

/**
 * The management API at {@code /apxml/rpc.do} (seed 000, "MAC based autoprovisioning for retail
 * devices": "There is also a XML-RPC Interface available (http://prov.gigaset.net/apxml/rpc.do)"):
 * one request body in, one response body and one log line out. The HTTP handler authenticates the
 * provider account and passes its name; this class never sees a password.
 *
 * <p>Parameters, as Gigaset's clients send them (docs/vendor-formats.md section 3):
 * <ul>
 * <li>{@code autoprov.checkDevice(macid)}, {@code autoprov.deregisterDevice(macid)}: one string
 *     (peoplefone: {@code xmlrpc_encode_request("autoprov.checkDevice", strtoupper($macid))}).
 * <li>{@code autoprov.registerDevice(macid, url, name)}: three strings (peoplefone:
 *     {@code [strtoupper($macid), $url, $this->profile_name]}; Falconieri's
 *     {@code xml.EncodeClientRequest("autoprov.registerDevice", &GigasetDevice{Mac, Url, Provider})}
 *     also yields three positional strings: gorilla-xmlrpc {@code rpcParams2XML} writes each field
 *     of the args struct as its own {@code <param>}).
 * <li>Also accepted: one struct with exactly those members, {@code {Mac}} or
 *     {@code {Mac, Url, Provider}} (names in any case), for clients that send the fields as a struct.
 * </ul>
 * Wrong arity or types: {@link XmlRpcFault#INVALID_PARAMS}; another method:
 * {@link XmlRpcFault#METHOD_NOT_FOUND}; a body the decoder refuses: its fault
 * ({@link XmlRpcFault#PARSE_ERROR} or {@link XmlRpcFault#INVALID_REQUEST}); a store that fails:
 * {@link XmlRpcFault#SYSTEM_ERROR}. The registry is called only with well-formed parameters, so a
 * fault never stores anything. Result strings such as {@code mac_invalid:...} are not faults but
 * the {@code [false, "..."]} answers the clients expect ({@link RedirectRegistry}).
 *
 * <p>Calls block on the store's fsync when they write: run {@link #handle} off the event loop.
 */
public final class XmlRpcService {
    public static final String REGISTER = "autoprov.registerDevice";
    public static final String CHECK = "autoprov.checkDevice";
    public static final String DEREGISTER = "autoprov.deregisterDevice";
    private static final List<String> MAC = List.of("Mac");
    private static final List<String> MAC_URL_PROVIDER = List.of("Mac", "Url", "Provider");

    private final RedirectRegistry registry;
    private final XmlRpcDecoder decoder;

    public XmlRpcService(RedirectRegistry registry) {
        this(registry, new XmlRpcDecoder());
    }

    public XmlRpcService(RedirectRegistry registry, XmlRpcDecoder decoder) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /** The largest request body to read; the HTTP handler should refuse (413) a longer one unread. */
    public int maxBodyBytes() {
        return decoder.maxBytes();
    }

    /**
     * The answer to one request: an XML-RPC response (HTTP 200, {@code Content-Type: text/xml}),
     * its fault code ({@link XmlRpcFault}; 0 for an answer), and a one-line summary for the log (method, provider,
     * MAC-ID, outcome; client text quoted and bounded).
     */
    public record Reply(byte[] body, int faultCode, String summary) {
        /** No fault: an answer, {@code [true|false, "..."]}. */
        static final int NONE = 0;

        public boolean fault() {
            return faultCode != NONE;
        }
    }

    /**
     * Handles one request body for the authenticated {@code provider} account.
     *
     * @throws IllegalArgumentException when {@code provider} is null or blank (the caller's bug)
     */
    public Reply handle(String provider, byte[] body) {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("the authenticated provider account is required");
        }
        String who = "provider=" + LogText.quote(provider);
        XmlRpcRequest request;
        try {
            request = decoder.decode(body);
        } catch (XmlRpcFault f) {
            return fault(who + " request", f);
        }
        String call = who + " " + request.methodName();
        try {
            String[] p;
            RedirectRegistry.Result result;
            switch (request.methodName()) {
                case CHECK -> {
                    p = strings(request, MAC, "one string parameter, the MAC-ID");
                    call += " " + LogText.quote(p[0]);
                    result = registry.check(provider, p[0]);
                }
                case DEREGISTER -> {
                    p = strings(request, MAC, "one string parameter, the MAC-ID");
                    call += " " + LogText.quote(p[0]);
                    result = registry.deregister(provider, p[0]);
                }
                case REGISTER -> {
                    p = strings(request, MAC_URL_PROVIDER,
                            "three string parameters, the MAC-ID, the provisioning URL and the profile name");
                    call += " " + LogText.quote(p[0]) + " url=" + LogText.quote(p[1]) + " name=" + LogText.quote(p[2]);
                    result = registry.register(provider, p[0], p[1], p[2]);
                }
                default -> throw new XmlRpcFault(XmlRpcFault.METHOD_NOT_FOUND, "method '" + request.methodName()
                        + "' not found; this server has " + CHECK + ", " + REGISTER + " and " + DEREGISTER);
            }
            return new Reply(XmlRpcEncoder.response(result.toXmlRpc()), Reply.NONE,
                    call + " -> " + result.ok() + " " + LogText.quote(result.message()));
        } catch (XmlRpcFault f) {
            return fault(call, f);
        } catch (StoreException e) {
            XmlRpcFault f = new XmlRpcFault(XmlRpcFault.SYSTEM_ERROR,
                    "the registration store is not available; nothing was changed, try again later");
            Reply r = fault(call, f);
            return new Reply(r.body(), r.faultCode(), r.summary() + " (" + e.getMessage() + ")");
        }
    }

    private static Reply fault(String call, XmlRpcFault f) {
        return new Reply(XmlRpcEncoder.fault(f.code(), f.getMessage()), f.code(),
                call + " -> fault " + f.code() + " " + LogText.quote(f.getMessage()));
    }

    /**
     * The method's string parameters, positional or as one struct with exactly {@code names}
     * (any case), in the order of {@code names}.
     */
    private static String[] strings(XmlRpcRequest request, List<String> names, String takes) throws XmlRpcFault {
        List<XmlRpcValue> params = request.params();
        String[] out = new String[names.size()];
        if (params.size() == names.size() && params.stream().allMatch(v -> v instanceof XmlRpcValue.Str)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = ((XmlRpcValue.Str) params.get(i)).value();
            }
            return out;
        }
        String expected = request.methodName() + " takes " + takes + ", or one struct {" + String.join(", ", names)
                + "} of strings";
        if (params.size() == 1 && params.get(0) instanceof XmlRpcValue.Struct s) {
            if (s.members().size() != names.size()) {
                throw badParams(expected + "; got a struct with members {" + String.join(", ", s.members().keySet()) + "}");
            }
            for (Map.Entry<String, XmlRpcValue> m : s.members().entrySet()) {
                int i = indexIgnoringCase(names, m.getKey());
                if (i < 0 || out[i] != null) {
                    throw badParams(expected + "; got a struct with members {"
                            + String.join(", ", s.members().keySet()) + "}");
                }
                if (!(m.getValue() instanceof XmlRpcValue.Str str)) {
                    throw badParams(expected + "; member " + m.getKey() + " is " + m.getValue().typeName());
                }
                out[i] = str.value();
            }
            return out;
        }
        List<String> types = new ArrayList<>();
        for (XmlRpcValue v : params) {
            types.add(v.typeName());
        }
        throw badParams(expected + "; got " + params.size() + (params.size() == 1 ? " parameter" : " parameters")
                + (types.isEmpty() ? "" : " (" + String.join(", ", types) + ")"));
    }

    private static int indexIgnoringCase(List<String> names, String key) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(key)) {
                return i;
            }
        }
        return -1;
    }

    private static XmlRpcFault badParams(String message) {
        return new XmlRpcFault(XmlRpcFault.INVALID_PARAMS, message);
    }
}
