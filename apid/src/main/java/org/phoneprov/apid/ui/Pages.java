package org.phoneprov.apid.ui;

import static org.phoneprov.apid.ui.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The dashboard's pages, rendered on the server from the same JSON the API answers with:
 * the device list with each phone's state, one device's trail as a timeline, leases per
 * pool, a live event view, and the check-sync and reload buttons.
 */
final class Pages {
    private Pages() {
    }

    static String login(String message) {
        return Html.page("Sign in", "<h1>phoneprov</h1>"
                + (message.isEmpty() ? "" : "<p class=\"bad\" id=\"message\">" + esc(message) + "</p>")
                + "<form method=\"post\" action=\"/ui/login\"><label>API token <input type=\"password\" name=\"token\""
                + " id=\"token\" autocomplete=\"current-password\" size=\"50\"/></label> "
                + "<button type=\"submit\" id=\"signin\">Sign in</button></form>"
                + "<p class=\"dim\">A token of <code>api.tokens</code> in the suite's config.</p>", "");
    }

    static String index(String suite, JsonNode devices, JsonNode leases, Sessions.Session s, String flash) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>phoneprov: ").append(esc(suite)).append("</h1>");
        b.append("<p>Signed in as <b>").append(esc(s.token().name())).append("</b> (").append(esc(s.token().role()
                .name().toLowerCase(java.util.Locale.ROOT))).append(") ")
                .append(Html.button("/ui/reload", "Reload config", s.csrf())).append(' ')
                .append(Html.button("/ui/logout", "Sign out", s.csrf())).append("</p>");
        if (!flash.isEmpty()) {
            b.append("<p class=\"flash\" id=\"flash\">").append(esc(flash)).append("</p>");
        }
        b.append("<h2>Devices (").append(devices.size()).append(")</h2><table id=\"devices\"><tr><th>MAC</th>"
                + "<th>model</th><th>last DHCP</th><th>last fetch</th><th>config served / fetched</th>"
                + "<th>last error</th><th></th></tr>");
        for (JsonNode d : devices) {
            JsonNode st = d.get("state");
            String mac = d.get("mac").asText();
            b.append("<tr data-mac=\"").append(esc(mac)).append("\"><td><a href=\"/ui/devices/").append(esc(mac))
                    .append("\">").append(esc(mac)).append("</a></td><td>").append(esc(d.get("model").asText()))
                    .append("</td><td>").append(event(st.get("last_dhcp"), true)).append("</td><td class=\"fetch\">")
                    .append(event(st.get("last_fetch"), false)).append("</td><td>").append(versions(st))
                    .append("</td><td>").append(event(st.get("last_error"), false)).append("</td><td>")
                    .append(Html.button("/ui/notify", "Check-sync", s.csrf(), "mac", mac)).append("</td></tr>");
        }
        b.append("</table>");
        b.append("<h2>Leases per pool</h2><table id=\"pools\"><tr><th>subnet</th><th>pool</th><th>size</th>"
                + "<th>active</th><th>free</th></tr>");
        for (JsonNode p : leases.get("pools")) {
            b.append("<tr><td>").append(esc(p.get("subnet").asText())).append("</td><td>").append(esc(p.get("pool")
                    .asText())).append("</td><td>").append(p.get("size").asLong()).append("</td><td>")
                    .append(p.get("active").asLong()).append("</td><td>").append(p.get("free").asLong())
                    .append("</td></tr>");
        }
        b.append("</table>");
        b.append(LIVE);
        return Html.page(suite, b.toString(), LIVE_SCRIPT);
    }

    static String device(String mac, JsonNode shown, Sessions.Session s, String flash) {
        StringBuilder b = new StringBuilder("<p><a href=\"/ui/\">&#8592; all devices</a></p>");
        b.append("<h1>").append(esc(mac)).append(" (").append(esc(shown.get("device").path("model").asText()))
                .append(")</h1>");
        if (!flash.isEmpty()) {
            b.append("<p class=\"flash\" id=\"flash\">").append(esc(flash)).append("</p>");
        }
        b.append("<p>In <code>").append(esc(shown.get("file").asText())).append("</code>; config ")
                .append(versions(shown.get("state"))).append(' ')
                .append(Html.button("/ui/notify", "Check-sync", s.csrf(), "mac", mac, "back", "device")).append("</p>");
        b.append("<h2>Trail</h2><ol class=\"timeline\" id=\"trail\">");
        JsonNode trail = shown.get("trail");
        if (trail.isEmpty()) {
            b.append("<li class=\"dim\">nothing yet: this phone has not been seen</li>");
        }
        for (JsonNode e : trail) {
            b.append("<li><time>").append(esc(e.get("time").asText())).append("</time> <b>").append(esc(e.get("daemon")
                    .asText())).append("</b> ").append(esc(e.get("action").asText())).append(' ')
                    .append(esc(e.get("file").asText())).append(" &#8594; <span class=\"").append(bad(e) ? "bad" : "ok")
                    .append("\">").append(esc(e.get("result").asText())).append("</span>")
                    .append(e.hasNonNull("client") ? " <span class=\"dim\">from " + esc(e.get("client").asText())
                            + "</span>" : "").append("</li>");
        }
        b.append("</ol>").append(LIVE);
        return Html.page(mac, b.toString(), LIVE_SCRIPT);
    }

    static String result(String title, List<String> lines) {
        StringBuilder b = new StringBuilder("<h1>").append(esc(title)).append("</h1><ul id=\"result\">");
        lines.forEach(l -> b.append("<li>").append(esc(l)).append("</li>"));
        return Html.page(title, b.append("</ul><p><a href=\"/ui/\">back</a></p>").toString(), "");
    }

    private static String event(JsonNode e, boolean withAddress) {
        if (e == null || e.isNull()) {
            return "<span class=\"dim\">-</span>";
        }
        return "<time>" + esc(e.get("time").asText().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z")) + "</time> "
                + esc(e.get("daemon").asText()) + " " + esc(e.get("action").asText()) + " "
                + esc(withAddress ? e.get("file").asText() : shortName(e.get("file").asText()))
                + " <span class=\"" + (bad(e) ? "bad" : "ok") + "\">" + esc(e.get("result").asText()) + "</span>";
    }

    private static String shortName(String file) {
        return file.length() > 40 ? "..." + file.substring(file.length() - 37) : file;
    }

    private static String versions(JsonNode st) {
        String served = st.path("served_version").asText("-");
        String fetched = st.hasNonNull("fetched_version") ? st.get("fetched_version").asText() : "-";
        boolean ok = st.path("up_to_date").asBoolean();
        return "<span class=\"" + (ok ? "ok" : "dim") + "\">" + esc(served) + " / " + esc(fetched)
                + (ok ? " &#10003;" : "") + "</span>";
    }

    private static boolean bad(JsonNode e) {
        String r = e.get("result").asText();
        return r.length() == 3 && r.compareTo("400") >= 0 || r.startsWith("rejected") || r.equals("no-answer");
    }

    private static final String LIVE = "<h2>Live events</h2><div id=\"live\" aria-live=\"polite\"></div>";

    /** The one script: append each event of the stream (server-sent events, no library) to the live view. */
    private static final String LIVE_SCRIPT = """
            (function(){var box=document.getElementById('live');var es=new EventSource('/ui/events');
            es.onmessage=function(m){var e=JSON.parse(m.data);var d=document.createElement('div');
            d.textContent=e.time+' '+e.daemon+' '+e.action+' '+(e.mac||'-')+' '+e.file+' '+e.result;
            box.insertBefore(d,box.firstChild);while(box.childNodes.length>200){box.removeChild(box.lastChild);}};})();
            """;
}
