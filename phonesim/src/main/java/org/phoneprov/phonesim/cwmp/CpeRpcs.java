package org.phoneprov.phonesim.cwmp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CPE's answer to one ACS request (TR-069 Amendment 6, A.3.2 and A.4.1), in the cwmp
 * namespace and with the cwmp:ID the request came with (A.2.2.1: a response carries its
 * request's ID). Reads and writes go to the {@link ParameterTree}; Reboot, FactoryReset and
 * Download are answered at once and done after the session ({@link AfterSession}).
 */
public final class CpeRpcs {
    /** The envelope to POST, and the fault code it carries (0 for a normal response). */
    public record Answer(byte[] body, String method, int fault) {
    }

    /** The "unknown time" of A.2.1 dateTime, for Download's StartTime/CompleteTime when Status is 1. */
    public static final String UNKNOWN_TIME = "0001-01-01T00:00:00Z";

    private CpeRpcs() {
    }

    public static Answer answer(String ns, String id, CpeRequest request, ParameterTree tree, AfterSession after) {
        try {
            return new Answer(respond(ns, id, request, tree, after), request.method(), 0);
        } catch (CwmpFault f) {
            return new Answer(SoapWriter.fault(ns, id, f, Optional.of(request.method())), request.method(), f.code());
        }
    }

    private static byte[] respond(String ns, String id, CpeRequest request, ParameterTree tree, AfterSession after)
            throws CwmpFault {
        if (request instanceof CpeRequest.GetRPCMethods) {
            return SoapWriter.rpcMethods(ns, id);
        } else if (request instanceof CpeRequest.GetParameterNames r) {
            return SoapWriter.names(ns, id, tree.names(r.path(), r.nextLevel()));
        } else if (request instanceof CpeRequest.GetParameterValues r) {
            return SoapWriter.values(ns, id, tree.values(r.names()));
        } else if (request instanceof CpeRequest.GetParameterAttributes r) {
            return SoapWriter.attributes(ns, id, tree.attributes(r.names()));
        } else if (request instanceof CpeRequest.SetParameterValues r) {
            return status(ns, id, "SetParameterValuesResponse",
                    ParameterWrites.setValues(tree, r.writes(), r.parameterKey()));
        } else if (request instanceof CpeRequest.SetParameterAttributes r) {
            ParameterWrites.setAttributes(tree, r.changes());
            return SoapWriter.simple(ns, id, "SetParameterAttributesResponse", Map.of());
        } else if (request instanceof CpeRequest.AddObject r) {
            int n = tree.addObject(r.objectName(), r.parameterKey());
            Map<String, String> args = new LinkedHashMap<>();
            args.put("InstanceNumber", Integer.toString(n));
            args.put("Status", "0");
            return SoapWriter.simple(ns, id, "AddObjectResponse", args);
        } else if (request instanceof CpeRequest.DeleteObject r) {
            tree.deleteObject(r.objectName(), r.parameterKey());
            return status(ns, id, "DeleteObjectResponse", 0);
        } else if (request instanceof CpeRequest.Reboot r) {
            after.askReboot(r.commandKey());
            return SoapWriter.simple(ns, id, "RebootResponse", Map.of());
        } else if (request instanceof CpeRequest.FactoryReset) {
            after.askFactoryReset();
            return SoapWriter.simple(ns, id, "FactoryResetResponse", Map.of());
        } else if (request instanceof CpeRequest.Download r) {
            return download(ns, id, r, after);
        }
        CpeRequest.Unknown u = (CpeRequest.Unknown) request;
        throw u.why().isEmpty() ? new CwmpFault(CwmpFault.METHOD_NOT_SUPPORTED, "Method not supported: " + u.method())
                : new CwmpFault(CwmpFault.INVALID_ARGUMENTS, u.why());
    }

    /**
     * A.3.2.8: FileType is one of "1 Firmware Upgrade Image" .. "5 Ringer File" (or a vendor
     * "X " type); this CPE fetches over http:// only, other schemes are 9013 at once.
     */
    private static byte[] download(String ns, String id, CpeRequest.Download r, AfterSession after)
            throws CwmpFault {
        if (!r.fileType().matches("[1-5] .+|X .+")) {
            throw new CwmpFault(CwmpFault.INVALID_ARGUMENTS, "unknown FileType: " + r.fileType());
        }
        if (!r.url().regionMatches(true, 0, "http://", 0, 7)) {
            throw new CwmpFault(CwmpFault.UNSUPPORTED_PROTOCOL, CwmpFault.standardText(CwmpFault.UNSUPPORTED_PROTOCOL)
                    + ": " + r.url());
        }
        after.askDownload(r);
        Map<String, String> args = new LinkedHashMap<>();
        args.put("Status", "1");
        args.put("StartTime", UNKNOWN_TIME);
        args.put("CompleteTime", UNKNOWN_TIME);
        return SoapWriter.simple(ns, id, "DownloadResponse", args);
    }

    private static byte[] status(String ns, String id, String method, int status) {
        return SoapWriter.simple(ns, id, method, Map.of("Status", Integer.toString(status)));
    }
}
