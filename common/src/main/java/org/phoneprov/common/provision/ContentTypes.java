package org.phoneprov.common.provision;

import java.util.Locale;
import java.util.Map;

/** Content types by file extension; phones mostly ignore them, browsers and curl users do not. */
public final class ContentTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("inf", "text/plain; charset=utf-8"),
            Map.entry("cfg", "text/plain; charset=utf-8"),
            Map.entry("xml", "application/xml"),
            Map.entry("pem", "application/x-pem-file"),
            Map.entry("crt", "application/x-x509-ca-cert"),
            Map.entry("cer", "application/x-x509-ca-cert"),
            Map.entry("ser", "application/octet-stream"),
            Map.entry("zz", "application/octet-stream"),
            Map.entry("bin", "application/octet-stream"));

    /** An encrypted file, whatever its name says (a Gigaset profile keeps its .xml name encrypted). */
    public static final String ENCRYPTED = "application/octet-stream";

    private ContentTypes() {
    }

    /** The type of a file served as it is named. */
    public static String of(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return "application/octet-stream";
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }
}
