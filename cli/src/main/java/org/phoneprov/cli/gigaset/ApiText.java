package org.phoneprov.cli.gigaset;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.phoneprov.httpd.redirect.RedirectRegistry;
import org.phoneprov.httpd.redirect.XmlRpcFault;
import org.phoneprov.httpd.redirect.XmlRpcService;

/**
 * What {@code phoneprov gigaset} tells the admin: a sentence for each result string of the
 * {@code autoprov.*} methods (their meanings: {@link RedirectRegistry}, docs/vendor-formats.md
 * section 3), and for each way a call can fail, what happened and what to do.
 */
final class ApiText {
    /** Code points of server text shown at most: a URL or a fault message fits. */
    private static final int MAX_LINE = 1000;

    private ApiText() {
    }

    /** A sentence for a method's answer; {@code macId} and {@code url} are what the call sent. */
    static String sentence(String method, RedirectRegistry.Result r, String user, String macId, String url) {
        String m = r.message();
        String mac = m.indexOf(':') >= 0 ? m.substring(m.indexOf(':') + 1) : macId;
        if (r.ok()) {
            return switch (method) {
                case XmlRpcService.CHECK -> m + " is registered for provider '" + user
                        + "': the redirect service sends it, as a retail phone, to the URL it was registered with.";
                case XmlRpcService.REGISTER -> "registered: the redirect service sends " + macId + " to " + url
                        + " (provider '" + user + "').";
                case XmlRpcService.DEREGISTER -> "deregistered: " + macId + " is no longer redirected.";
                default -> "the call succeeded.";
            };
        }
        String prefix = m.indexOf(':') >= 0 ? m.substring(0, m.indexOf(':')) : m;
        return switch (prefix) {
            case "mac_not_found" -> mac + " is not registered for provider '" + user + "'"
                    + (method.equals(XmlRpcService.DEREGISTER) ? ", so there is nothing to deregister" : "")
                    + " (a phone of another provider is reported the same way).";
            case "mac_invalid" -> "'" + mac + "' is not a MAC-ID: give the phone's 12 hex digits, optionally with the"
                    + " check part from its label (7C2F80AABBCC-1A2B).";
            case "mac_not_exist" -> mac + " was registered with another check part: copy the MAC-ID from the"
                    + " phone's label again.";
            case "mac_already_in_use" -> mac + " is registered by another provider; only that provider can"
                    + " deregister it.";
            case "url_invalid" -> "the URL was refused: give an http:// or https:// URL with a host and no user or"
                    + " password, at most " + RedirectRegistry.MAX_URL_LENGTH + " characters.";
            case "name_invalid" -> "the profile name was refused: give --name with 1 to "
                    + RedirectRegistry.MAX_NAME_LENGTH + " printable characters.";
            default -> "the server said no, with a result this command does not know.";
        };
    }

    /** What to do about a fault, by its code ({@link XmlRpcFault}'s interoperability codes). */
    static String faultTodo(int code) {
        return switch (code) {
            case XmlRpcFault.METHOD_NOT_FOUND -> "--url is not a Gigaset-style redirect API with the autoprov.*"
                    + " methods: check it";
            case XmlRpcFault.SYSTEM_ERROR -> "the server could not use its registration store; nothing was"
                    + " changed: try again later, and see the server's log (httpd.xmlrpc)";
            case XmlRpcFault.PARSE_ERROR, XmlRpcFault.UNSUPPORTED_ENCODING, XmlRpcFault.INVALID_CHARACTER,
                    XmlRpcFault.INVALID_REQUEST, XmlRpcFault.INVALID_PARAMS -> "the server did not accept this"
                    + " client's call: report it, with the server's log line (httpd.xmlrpc)";
            default -> "see the server's documentation or log for this fault";
        };
    }

    /** An HTTP status other than 200. */
    static ApiOutcome.Failed httpFailure(ApiTarget t, int status, Optional<String> retryAfter,
                                         Optional<String> location) {
        String at = t.url() + " answered HTTP " + status;
        return switch (status) {
            case 401 -> new ApiOutcome.Failed(at + ": it refused user '" + t.user() + "' with this password",
                    "check --user and the password (--password-file, $" + ApiOptions.PASSWORD_VARIABLE
                            + " or the provider's password in --config); the suite's httpd blocks an address for a"
                            + " while after repeated wrong passwords (gigaset.wrong_codes)");
            case 429 -> new ApiOutcome.Failed(at + ": it blocks this address for now, after too many wrong"
                    + " passwords or activation codes from it", "wait" + retryAfter.map(s -> " " + printable(s)
                    + " s").orElse("") + ", then call again with the right password");
            case 404 -> new ApiOutcome.Failed(at + " (not found)", "check --url: this suite serves the API at"
                    + " <http base>/" + ApiOptions.API_PATH + " while httpd runs");
            case 403 -> new ApiOutcome.Failed(at + " (forbidden)", "the server refuses this address; see its"
                    + " log (httpd.reject)");
            case 413 -> new ApiOutcome.Failed(at + " (the call is too large for it)", "give a shorter URL or name");
            default -> status >= 300 && status < 400
                    ? new ApiOutcome.Failed(at + location.map(l -> " to " + printable(l)).orElse(""),
                    "the API does not redirect calls: give the final URL as --url")
                    : new ApiOutcome.Failed(at, status >= 500 ? "the server failed: see its log, and try again"
                    : "check --url: it should be the API's address (…/" + ApiOptions.API_PATH + ")");
        };
    }

    /** No HTTP answer at all. */
    static ApiOutcome.Failed unreachable(URI url, boolean ownCa, IOException e) {
        String where = url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        if (e instanceof HttpConnectTimeoutException) {
            return new ApiOutcome.Failed("no connection to " + where + " within " + ApiClient.CONNECT_TIMEOUT
                    .toSeconds() + " s", "check --url, and that the host is reachable from here");
        }
        if (e instanceof HttpTimeoutException) {
            return new ApiOutcome.Failed(where + " did not answer within " + ApiClient.ANSWER_TIMEOUT.toSeconds()
                    + " s", "the call may or may not have been carried out: run 'phoneprov gigaset check' to see");
        }
        if (cause(e, UnresolvedAddressException.class) != null || cause(e, UnknownHostException.class) != null) {
            return new ApiOutcome.Failed("cannot resolve the host name " + url.getHost(), "check --url");
        }
        if (cause(e, SSLException.class) != null) {
            // PKIX: the JDK's "PKIX path building failed: ...SunCertPathBuilderException: unable to find valid
            // certification path to requested target", said plainly.
            String why = detail(cause(e, SSLException.class));
            return new ApiOutcome.Failed("the TLS handshake with " + where + " failed: " + (why.contains("PKIX")
                    ? "the server's certificate does not chain to a CA this client trusts" : why), ownCa ? "check that --cacert is the CA that signed the server's certificate,"
                    + " and that --url's host is a name or address in it" : "give the suite's CA with --cacert FILE"
                    + " (ca.pem of 'phoneprov cert init'), or check --url's host");
        }
        if (cause(e, ConnectException.class) != null) {
            // The JDK's ConnectException often has no message; refused is what it then was.
            String why = detail(e);
            return new ApiOutcome.Failed("cannot connect to " + where + " (" + (why.endsWith("Exception")
                    ? "connection refused" : why) + ")",
                    "is phoneprov (httpd) or the API running there? check --url");
        }
        return new ApiOutcome.Failed("the call to " + url + " failed: " + detail(e), "check --url and the network");
    }

    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static String detail(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return printable(t.getMessage());
            }
        }
        return e.getClass().getSimpleName();
    }

    /** Text from the server on a terminal: no control characters (escape sequences), one bounded line. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_LINE));
        s.codePoints().limit(MAX_LINE).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > MAX_LINE ? b.append("...").toString() : b.toString();
    }
}
