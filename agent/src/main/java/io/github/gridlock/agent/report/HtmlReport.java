package io.github.gridlock.agent.report;

import io.github.gridlock.agent.runtime.EdgeInfo;
import io.github.gridlock.agent.runtime.Finding;
import io.github.gridlock.agent.runtime.Stats;
import io.github.gridlock.agent.runtime.ThreadDump;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code html=FILE}: one self-contained page (no script, nothing loaded from anywhere) with what the run saw: a
 * summary by kind, and for each lock-order cycle its locks drawn as a ring in SVG, every edge labelled with the
 * method that took the lock, and the stack of every edge; for each deadlock the threads with their stacks. The
 * page of {@code gridlock scan --format html} is the same kind of page for the static analysis.
 */
public final class HtmlReport {
    private static final int FRAMES_SHOWN = 24;
    /** The advance of one character of a label (12px monospace), with room to spare, and a label's gap to its edge. */
    private static final double LABEL_CHAR_WIDTH = 7.5;
    private static final double LABEL_GAP = 6;

    private HtmlReport() {
    }

    public static String toHtml(List<Finding> findings, Stats stats) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Gridlock agent report</title><style>").append(CSS).append("</style></head><body>\n")
                .append("<h1>Gridlock agent report</h1>\n");
        summary(sb, findings, stats);
        int n = 0;
        for (Finding f : findings) {
            n++;
            if (f.kind.isCycle()) {
                cycle(sb, f, n);
            } else {
                deadlock(sb, f, n);
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    private static void summary(StringBuilder sb, List<Finding> findings, Stats stats) {
        sb.append("<section id=\"summary\"><h2>Summary</h2><table class=\"summary\"><tr><th>kind</th><th>findings</th></tr>");
        for (Map.Entry<Finding.Kind, Integer> e : JsonReport.countByKind(findings).entrySet()) {
            sb.append("<tr data-kind=\"").append(e.getKey().name()).append("\"><td>").append(e.getKey().name())
                    .append("</td><td class=\"count\">").append(e.getValue()).append("</td></tr>");
        }
        sb.append("</table>");
        if (stats != null) {
            sb.append("<p>").append(stats.locks).append(" locks and ").append(stats.edges)
                    .append(" lock-order edges seen in this run.</p>");
        }
        sb.append(findings.isEmpty() ? "<p class=\"none\">No lock-order cycle and no deadlock.</p>" : "")
                .append("</section>\n");
    }

    private static void cycle(StringBuilder sb, Finding f, int n) {
        sb.append("<section class=\"finding\" id=\"finding-").append(n).append("\" data-kind=\"").append(f.kind.name())
                .append("\"><h2>").append(f.kind.name()).append(" #").append(f.sequence).append("</h2><p class=\"message\">")
                .append(esc(f.summary())).append("</p>");
        if (f.test != null) {
            sb.append("<p>Test: <code>").append(esc(f.test)).append("</code></p>");
        }
        ring(sb, f);
        sb.append("<ol class=\"edges\">");
        for (EdgeInfo e : f.edges) {
            sb.append("<li class=\"edge\">thread <b>").append(esc(e.threadName)).append("</b> took <code>").append(esc(e.to))
                    .append("</code> while holding <code>").append(esc(e.from)).append("</code>")
                    .append(e.timed ? " (timed tryLock)" : "");
            stack(sb, e.stack);
            sb.append("</li>");
        }
        sb.append("</ol></section>\n");
    }

    /** The cycle's locks on a circle, each edge an arrow labelled with the method that took its lock. */
    private static void ring(StringBuilder sb, Finding f) {
        int count = f.locks.size();
        double radius = Math.max(110, 60.0 * count);
        // Room around the circle for the widest label or lock name, so that nothing leaves the drawing.
        double room = 0;
        for (EdgeInfo e : f.edges) {
            room = Math.max(room, LABEL_CHAR_WIDTH * acquirer(e.stack).length() + LABEL_GAP);
        }
        for (String lock : f.locks) {
            room = Math.max(room, nodeWidth(lock) / 2);
        }
        // The curves bulge out to at most 1.25 radii from the centre; labels run sideways from there.
        int drawingWidth = (int) (2 * (1.25 * radius + room + 20));
        int height = (int) (2 * (1.25 * radius + 40));
        double centre = drawingWidth / 2.0;
        double top = centre - height / 2.0;
        sb.append("<svg class=\"lock-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(drawingWidth)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 ").append(fmt(top)).append(' ').append(drawingWidth)
                .append(' ').append(height)
                .append("\"><defs><marker id=\"arrow").append(f.sequence).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
                .append(" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\"")
                .append(" fill=\"#c62828\"/></marker></defs>");
        double[][] at = new double[count][];
        for (int i = 0; i < count; i++) {
            double angle = -Math.PI / 2 + 2 * Math.PI * i / count;
            at[i] = new double[] {centre + radius * Math.cos(angle), centre + radius * Math.sin(angle)};
        }
        for (EdgeInfo e : f.edges) {
            int from = f.locks.indexOf(e.from);
            int to = f.locks.indexOf(e.to);
            if (from < 0 || to < 0) {
                continue;
            }
            double mx = (at[from][0] + at[to][0]) / 2;
            double my = (at[from][1] + at[to][1]) / 2;
            // Bend outwards, so that the two edges of a two-lock cycle do not lie on each other.
            double cx = mx + (mx - centre) * 0.5 + (count == 2 ? (at[to][1] - at[from][1]) * 0.3 : 0);
            double cy = my + (my - centre) * 0.5 - (count == 2 ? (at[to][0] - at[from][0]) * 0.3 : 0);
            sb.append("<g class=\"edge on-cycle\" data-from=\"").append(esc(e.from)).append("\" data-to=\"").append(esc(e.to))
                    .append("\"><title>").append(esc(e.from + " -> " + e.to + "\n" + String.join("\n", frames(e.stack, 6))))
                    .append("</title><path d=\"M").append(fmt(at[from][0])).append(',').append(fmt(at[from][1])).append(" Q")
                    .append(fmt(cx)).append(',').append(fmt(cy)).append(' ').append(fmt(at[to][0])).append(',')
                    .append(fmt(at[to][1])).append("\" fill=\"none\" stroke=\"#c62828\" stroke-width=\"2.5\" marker-end=\"url(#arrow")
                    .append(f.sequence).append(")\"/>");
            label(sb, (mx + cx) / 2, (my + cy) / 2, centre, acquirer(e.stack));
            sb.append("</g>");
        }
        for (int i = 0; i < count; i++) {
            String name = f.locks.get(i);
            double width = nodeWidth(name);
            sb.append("<g class=\"node on-cycle\" data-lock=\"").append(esc(name)).append("\"><rect x=\"")
                    .append(fmt(at[i][0] - width / 2)).append("\" y=\"").append(fmt(at[i][1] - 14)).append("\" width=\"")
                    .append(fmt(width)).append("\" height=\"28\" rx=\"4\"/><text x=\"").append(fmt(at[i][0])).append("\" y=\"")
                    .append(fmt(at[i][1] + 5)).append("\" text-anchor=\"middle\">").append(esc(name)).append("</text></g>");
        }
        sb.append("</svg>");
    }

    /**
     * An edge's label at the middle of its curve, on the side away from the circle's centre: the two edges of a
     * two-lock cycle bend to either side, and their labels then run apart instead of over each other.
     */
    private static void label(StringBuilder sb, double x, double y, double centre, String text) {
        double dx = x - centre;
        String anchor = Math.abs(dx) < 1 ? "middle" : dx > 0 ? "start" : "end";
        double at = Math.abs(dx) < 1 ? x : x + Math.signum(dx) * LABEL_GAP;
        sb.append("<text class=\"label\" x=\"").append(fmt(at)).append("\" y=\"").append(fmt(y + 4))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(esc(text)).append("</text>");
    }

    private static double nodeWidth(String lock) {
        return Math.max(80, 7.5 * lock.length() + 20);
    }

    private static void deadlock(StringBuilder sb, Finding f, int n) {
        sb.append("<section class=\"finding\" id=\"finding-").append(n).append("\" data-kind=\"DEADLOCK\"><h2>DEADLOCK #")
                .append(f.sequence).append("</h2><p class=\"message\">").append(esc(f.summary())).append("</p><ul class=\"threads\">");
        for (ThreadDump t : f.threads) {
            sb.append("<li").append(t.deadlocked ? " class=\"deadlocked\"" : "").append("><b>").append(esc(t.name))
                    .append("</b> ").append(esc(t.state)).append(t.waitingFor == null ? "" : " waiting for <code>"
                            + esc(t.waitingFor) + "</code>").append(t.lockOwner == null ? "" : " held by <b>"
                            + esc(t.lockOwner) + "</b>");
            stack(sb, t.stack);
            sb.append("</li>");
        }
        sb.append("</ul></section>\n");
    }

    private static void stack(StringBuilder sb, List<StackTraceElement> stack) {
        sb.append("<pre class=\"stack\">");
        for (String line : frames(stack, FRAMES_SHOWN)) {
            sb.append("    at ").append(esc(line)).append('\n');
        }
        sb.append("</pre>");
    }

    private static List<String> frames(List<StackTraceElement> stack, int max) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < stack.size() && i < max; i++) {
            out.add(stack.get(i).toString());
        }
        if (stack.size() > max) {
            out.add("... " + (stack.size() - max) + " more");
        }
        return out;
    }

    /** The method that took the edge's lock: the first frame of its stack, {@code Bank.transfer():42}. */
    static String acquirer(List<StackTraceElement> stack) {
        if (stack.isEmpty()) {
            return "?";
        }
        StackTraceElement top = stack.get(0);
        String cls = top.getClassName().substring(top.getClassName().lastIndexOf('.') + 1);
        return cls + "." + top.getMethodName() + "()" + (top.getLineNumber() > 0 ? ":" + top.getLineNumber() : "");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '&':
                    out.append("&amp;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}"
            + "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em}code,pre{font-family:monospace}"
            + "table.summary{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .8em;text-align:left}"
            + "td.count{text-align:right}pre.stack{background:#f6f6f6;padding:.5em;overflow:auto;font-size:12px}"
            + "svg.lock-graph{display:block;margin:1em 0}svg .node rect{fill:#fff3f3;stroke:#c62828;stroke-width:2}"
            + "svg text{font:12px monospace}svg .label{fill:#c62828}.deadlocked{color:#b71c1c}";
}
