package org.phoneprov.phonesim.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A simulation's report as one self-contained HTML page: the figures of the text report and a
 * plot of every phone's time from power-up to provisioned, slowest last (so the curve's right end
 * is the tail an admin asks about), failed phones marked at the top. Inline SVG and CSS, no
 * script, nothing fetched: it opens from a file, in a mail, on a box without network. The page
 * is well-formed XML (XHTML serialisation), so tests and tools can parse it.
 */
public final class HtmlReport {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 320;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;

    private HtmlReport() {
    }

    /** @param title what was simulated, e.g. the config file and the command line */
    public static String render(SimulationReport r, String title) {
        StringBuilder b = new StringBuilder(8192 + 200 * r.phones().size());
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>phoneprov simulate: ").append(esc(title)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:1.5em;max-width:60em}table{border-collapse:collapse}"
                        + "td,th{padding:2px 10px;text-align:left;border-bottom:1px solid #ddd}"
                        + ".bad{color:#b00}svg text{font-size:11px;font-family:sans-serif}</style>\n")
                .append("</head>\n<body>\n<h1>phoneprov simulate</h1>\n<p>").append(esc(title)).append("</p>\n");
        summary(b, r);
        plot(b, r);
        failures(b, r);
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void summary(StringBuilder b, SimulationReport r) {
        int n = r.phones().size();
        b.append("<table>\n");
        row(b, "phones", Integer.toString(n));
        row(b, "provisioned", r.provisioned() + " of " + n + (r.allProvisioned() ? "" : "  (not all)"));
        row(b, "time to provisioned", String.format(Locale.ROOT, "median %.2f s, p99 %.2f s, max %.2f s",
                seconds(r.timeToProvisioned(0.5)), seconds(r.timeToProvisioned(0.99)), seconds(r.timeToProvisioned(1))));
        row(b, "all done after", String.format(Locale.ROOT, "%.2f s", seconds(r.allBootedIn())));
        row(b, "addresses", r.addresses());
        List<String> req = new ArrayList<>();
        r.requests().forEach((k, v) -> req.add(k + " " + v));
        row(b, "requests", req.isEmpty() ? "none" : String.join(", ", req));
        b.append("</table>\n");
    }

    /** Phones sorted by their time; failed ones drawn as red marks along the top. */
    private static void plot(StringBuilder b, SimulationReport r) {
        List<SimulationReport.PhoneLine> done = r.phones().stream().filter(SimulationReport.PhoneLine::provisioned)
                .sorted(Comparator.comparing(SimulationReport.PhoneLine::time)).toList();
        double max = Math.max(0.001, seconds(r.timeToProvisioned(1)));
        double top = niceCeiling(max);
        int n = Math.max(1, r.phones().size());
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        b.append("<h2>Time to provisioned, per phone</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"time to provisioned per phone\">\n");
        b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotW)
                .append("\" height=\"").append(plotH).append("\" fill=\"none\" stroke=\"#999\"/>\n");
        for (int i = 0; i <= 4; i++) {
            double v = top * i / 4;
            int y = TOP + plotH - (int) Math.round(plotH * v / top);
            b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(y).append("\" x2=\"").append(LEFT + plotW)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#eee\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y + 4)
                    .append("\" text-anchor=\"end\">").append(String.format(Locale.ROOT, "%.1f s", v)).append("</text>\n");
        }
        b.append("<text x=\"").append(LEFT + plotW / 2).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\">phones, fastest to slowest (").append(done.size()).append(" of ")
                .append(r.phones().size()).append(" provisioned)</text>\n");
        if (!done.isEmpty()) {
            b.append("<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\" points=\"");
            for (int i = 0; i < done.size(); i++) {
                SimulationReport.PhoneLine p = done.get(i);
                double x = LEFT + plotW * (i + 0.5) / n;
                double y = TOP + plotH - plotH * Math.min(1, seconds(p.time()) / top);
                b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            b.append("\"/>\n");
        }
        int failed = 0;
        for (SimulationReport.PhoneLine p : r.phones()) {
            if (!p.provisioned()) {
                double x = LEFT + plotW * (done.size() + failed + 0.5) / n;
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"3\" fill=\"#b00\">", x, TOP + 4))
                        .append("<title>").append(esc(p.id().mac().colon() + " " + p.outcome())).append("</title></circle>\n");
                failed++;
            }
        }
        b.append("</svg>\n");
    }

    private static void failures(StringBuilder b, SimulationReport r) {
        if (r.failures().isEmpty() && r.problems().isEmpty()) {
            return;
        }
        b.append("<h2 class=\"bad\">Not provisioned, or not every line registers</h2>\n<table>\n");
        for (Map.Entry<String, Integer> e : r.failures().entrySet()) {
            row(b, e.getValue() + " failed", e.getKey());
        }
        for (Map.Entry<String, List<String>> e : r.problems().entrySet()) {
            row(b, e.getValue().size() + " with a problem", e.getKey() + " (" + SimulationReport.examples(e.getValue())
                    + ")");
        }
        b.append("</table>\n");
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    /** 0.37 -> 0.5, 7.2 -> 10, 23 -> 25: an axis end a reader can read. */
    static double niceCeiling(double v) {
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * mag >= v) {
                return step * mag;
            }
        }
        return 10 * mag;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Text into HTML/XML: markup characters escaped, control characters dropped (XML 1.0 has none). */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
