package org.phoneprov.apid.ui;

/** Builds the dashboard's pages: XHTML-safe escaping in one place, and the page frame. */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
            h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em}
            table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
            th{background:#f4f4f4}.ok{color:#186a1b}.bad{color:#b00020}.dim{color:#777}
            form.inline{display:inline}button{cursor:pointer}
            ol.timeline{list-style:none;border-left:3px solid #8aa;padding-left:1em}
            ol.timeline li{margin:.4em 0}ol.timeline time{font-family:monospace;color:#555}
            #live{font-family:monospace;font-size:12px;max-height:16em;overflow:auto;background:#f8f8f8;padding:.5em}
            .flash{background:#eef6ee;border:1px solid #9c9;padding:.5em}
            """;

    /** A whole page; {@code script} is the page's own, if any (no external resource is ever loaded). */
    static String page(String title, String body, String script) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>" + esc(title)
                + " - phoneprov</title><style>" + STYLE + "</style></head><body>\n" + body
                + (script.isEmpty() ? "" : "<script>" + script + "</script>") + "\n</body></html>\n";
    }

    /** A POST button carrying the session's form token. */
    static String button(String action, String label, String csrf, String... fields) {
        StringBuilder b = new StringBuilder("<form class=\"inline\" method=\"post\" action=\"" + esc(action) + "\">");
        b.append("<input type=\"hidden\" name=\"csrf\" value=\"").append(esc(csrf)).append("\"/>");
        for (int i = 0; i + 1 < fields.length; i += 2) {
            b.append("<input type=\"hidden\" name=\"").append(esc(fields[i])).append("\" value=\"")
                    .append(esc(fields[i + 1])).append("\"/>");
        }
        return b.append("<button type=\"submit\">").append(esc(label)).append("</button></form>").toString();
    }
}
