package io.github.gridlock.cli.report;

import edu.umd.cs.findbugs.BugPattern;
import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.LockGraph;
import io.github.gridlock.cli.engine.Problem;
import io.github.gridlock.cli.engine.ScanResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One self-contained HTML page: no script, no style sheet, font or picture loaded from anywhere (its
 * Content-Security-Policy forbids it). A summary by code and priority, the whole-program lock-order graph drawn as
 * SVG with the edges of every reported cycle in red and each edge labelled with the method that takes the lock,
 * the findings grouped by file with the source lines around each (when the source is found), and each code's
 * explanation with a link to its page. A graph too large to read whole is drawn as its cycles and the locks one
 * edge away from them; when even that is too large, as the cycles alone; the page says which.
 */
public final class HtmlReportWriter implements ReportWriter {
    /** Up to this many locks the whole graph is drawn. */
    static final int WHOLE_GRAPH_LIMIT = 40;
    /** Up to this many locks the cycles are drawn with their neighbours; beyond, the cycles alone. */
    static final int NEIGHBOURHOOD_LIMIT = 120;
    static final int CONTEXT_LINES = 3;
    /** The advance of one character of an edge label (10.5px monospace, bold on cycles), with room to spare. */
    static final double LABEL_CHAR_WIDTH = 7;
    /** The height of a label's line, and the moves tried, in order, to keep it off the labels placed before. */
    static final double LABEL_LINE = 13;
    private static final double[] LABEL_NUDGES = {0, LABEL_LINE, -LABEL_LINE, 2 * LABEL_LINE, -2 * LABEL_LINE};
    /** Separate parts of the graph are packed in rows this wide (the page's width at a normal zoom). */
    static final double MAX_DRAWING_WIDTH = 1150;

    private final Path base;
    private final Path root;
    private final String version;
    private final DocsLinks docs;

    /**
     * @param base the folder the page is written to (links to the codes' pages are relative to it)
     * @param root the folder the files of the findings are named relative to (the repository root)
     */
    public HtmlReportWriter(Path base, Path root, String version, DocsLinks docs) {
        this.base = base.toAbsolutePath().normalize();
        this.root = root.toAbsolutePath().normalize();
        this.version = version;
        this.docs = docs;
    }

    @Override
    public void write(ScanResult result, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(16384);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>Gridlock report</title>\n<style>").append(CSS).append("</style></head>\n<body>\n")
                .append("<h1>Gridlock report</h1>\n<p class=\"about\">gridlock ").append(esc(version)).append(": ")
                .append(Plural.of(result.findings().size(), "finding")).append(", ")
                .append(Plural.of(result.classesAnalysed(), "class", "classes")).append(" analysed.</p>\n");
        summary(sb, result);
        graph(sb, result.lockGraph());
        findings(sb, result);
        codes(sb, result);
        problems(sb, result);
        sb.append("</body></html>\n");
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(sb.toString());
        w.flush();
    }

    private void summary(StringBuilder sb, ScanResult result) {
        Map<String, int[]> byCode = new TreeMap<>();
        for (Finding f : result.findings()) {
            byCode.computeIfAbsent(f.code(), k -> new int[3])[Math.min(f.priority(), 3) - 1]++;
        }
        sb.append("<section id=\"summary\"><h2>Summary</h2>\n");
        if (byCode.isEmpty()) {
            sb.append("<p class=\"none\">").append(result.analysisRan() ? "No findings." : "Nothing could be analysed.")
                    .append("</p>");
        } else {
            sb.append("<table class=\"summary\"><thead><tr><th>code</th><th>high</th><th>medium</th><th>low</th>")
                    .append("<th>total</th></tr></thead><tbody>\n");
            for (Map.Entry<String, int[]> e : byCode.entrySet()) {
                int[] c = e.getValue();
                sb.append("<tr data-code=\"").append(e.getKey()).append("\"><td><a href=\"#code-").append(e.getKey())
                        .append("\">").append(e.getKey()).append("</a></td>");
                for (int i = 0; i < 3; i++) {
                    sb.append("<td class=\"n\">").append(c[i]).append("</td>");
                }
                sb.append("<td class=\"n total\">").append(c[0] + c[1] + c[2]).append("</td></tr>\n");
            }
            sb.append("</tbody></table>");
        }
        sb.append("</section>\n");
    }

    /** The lock-order graph, or the part of it worth reading. */
    private void graph(StringBuilder sb, LockGraph graph) {
        sb.append("<section id=\"lock-graph\"><h2>Lock-order graph</h2>\n");
        if (graph == null) {
            sb.append("<p class=\"none\">The lock-order graph was not computed in this scan.</p></section>\n");
            return;
        }
        List<LockGraph.Lock> all = new ArrayList<>(graph.locks().values());
        Set<String> shown = new LinkedHashSet<>();
        Set<String> onCycle = new LinkedHashSet<>();
        graph.cycleLocks().forEach(l -> onCycle.add(l.id()));
        String scope;
        if (all.size() <= WHOLE_GRAPH_LIMIT) {
            all.forEach(l -> shown.add(l.id()));
            scope = "the whole graph: " + Plural.of(all.size(), "lock") + ", " + Plural.of(graph.edges().size(), "edge");
        } else {
            shown.addAll(onCycle);
            for (LockGraph.Edge e : graph.edges()) {
                if (onCycle.contains(e.from().id()) || onCycle.contains(e.to().id())) {
                    shown.add(e.from().id());
                    shown.add(e.to().id());
                }
            }
            if (shown.size() <= NEIGHBOURHOOD_LIMIT) {
                scope = "the " + Plural.of(onCycle.size(), "lock") + " of reported cycles and the "
                        + Plural.of(shown.size() - onCycle.size(), "lock") + " one edge away, of "
                        + Plural.of(all.size(), "lock") + " and " + Plural.of(graph.edges().size(), "edge") + " in all";
            } else {
                shown.clear();
                shown.addAll(onCycle);
                scope = "the " + Plural.of(onCycle.size(), "lock") + " of reported cycles only, of "
                        + Plural.of(all.size(), "lock") + " and " + Plural.of(graph.edges().size(), "edge") + " in all";
            }
        }
        if (shown.isEmpty()) {
            sb.append("<p class=\"none\">").append(all.isEmpty() ? "No lock is ever taken while another is held."
                    : "No lock-order cycle among " + Plural.of(all.size(), "lock") + " and "
                            + Plural.of(graph.edges().size(), "edge") + "; the graph is too large to draw whole.")
                    .append("</p></section>\n");
            return;
        }
        sb.append("<p class=\"scope\">Drawn: ").append(esc(scope)).append(". An arrow A &rarr; B means B may be taken ")
                .append("while A is held; the edges of reported cycles are red. Hover over an edge for every place that ")
                .append("makes it.</p>\n");
        svg(sb, graph, new ArrayList<>(shown), onCycle);
        sb.append("</section>\n");
    }

    private void svg(StringBuilder sb, LockGraph graph, List<String> ids, Set<String> onCycle) {
        Map<String, Integer> index = new LinkedHashMap<>();
        ids.forEach(id -> index.put(id, index.size()));
        double[] widths = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            widths[i] = Math.max(90, 7.4 * graph.locks().get(ids.get(i)).display().length() + 24);
        }
        List<int[]> pairs = new ArrayList<>();
        List<LockGraph.Edge> drawn = new ArrayList<>();
        for (LockGraph.Edge e : graph.edges()) {
            Integer a = index.get(e.from().id());
            Integer b = index.get(e.to().id());
            if (a != null && b != null) {
                pairs.add(new int[] {a, b});
                drawn.add(e);
            }
        }
        double[] labelWidths = drawn.stream().mapToDouble(e -> LABEL_CHAR_WIDTH * label(e).length()).toArray();
        GraphLayout layout = GraphLayout.packed(widths, pairs, labelWidths, MAX_DRAWING_WIDTH);
        sb.append("<svg class=\"lock-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(fmt(layout.totalWidth))
                .append("\" height=\"").append(fmt(layout.totalHeight)).append("\" viewBox=\"0 0 ")
                .append(fmt(layout.totalWidth)).append(' ').append(fmt(layout.totalHeight)).append("\">\n<defs>")
                .append(marker("arrow", "#777")).append(marker("arrow-cycle", "#c62828")).append("</defs>\n");
        List<double[]> labelBoxes = new ArrayList<>();
        for (int k = 0; k < drawn.size(); k++) {
            edge(sb, drawn.get(k), pairs.get(k), layout, layout.reversed[k], labelBoxes);
        }
        for (int i = 0; i < ids.size(); i++) {
            LockGraph.Lock lock = graph.locks().get(ids.get(i));
            boolean cycle = onCycle.contains(lock.id());
            sb.append("<g class=\"node").append(cycle ? " on-cycle" : "").append("\" data-lock=\"").append(esc(lock.id()))
                    .append("\"><title>").append(esc(lock.id())).append("</title><rect x=\"")
                    .append(fmt(layout.x[i] - widths[i] / 2)).append("\" y=\"")
                    .append(fmt(layout.y[i] - GraphLayout.NODE_HEIGHT / 2)).append("\" width=\"").append(fmt(widths[i]))
                    .append("\" height=\"").append(fmt(GraphLayout.NODE_HEIGHT)).append("\" rx=\"4\"/><text x=\"")
                    .append(fmt(layout.x[i])).append("\" y=\"").append(fmt(layout.y[i] + 4))
                    .append("\" text-anchor=\"middle\">").append(esc(lock.display())).append("</text></g>\n");
        }
        sb.append("</svg>\n");
    }

    private static String marker(String id, String colour) {
        return "<marker id=\"" + id + "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"" + colour + "\"/></marker>";
    }

    /** An edge from box to box: a curve, bent aside when it runs back up (it closes a cycle) or spans layers. */
    private static void edge(StringBuilder sb, LockGraph.Edge e, int[] pair, GraphLayout layout, boolean back,
            List<double[]> labelBoxes) {
        double half = GraphLayout.NODE_HEIGHT / 2;
        double x1 = layout.x[pair[0]];
        double x2 = layout.x[pair[1]];
        boolean sameRow = Math.abs(layout.y[pair[0]] - layout.y[pair[1]]) < 1;
        double y1 = layout.y[pair[0]] + (sameRow ? -half : back ? -half : half);
        double y2 = layout.y[pair[1]] + (sameRow ? -half : back ? half : -half);
        double bend = back || sameRow ? 60 + Math.abs(x2 - x1) * 0.15 : 0;
        if (back && Math.abs(layout.y[pair[0]] - layout.y[pair[1]]) > GraphLayout.LAYER_GAP + 1) {
            // Over more than one layer: the curve (which runs half the bend aside) goes round the boxes between.
            bend = Math.max(bend, 2 * (widest(layout) / 2 + 20));
        }
        double cx = (x1 + x2) / 2 + (back ? bend : 0);
        double cy = (y1 + y2) / 2 - (sameRow ? bend : 0);
        String label = label(e);
        // A label beside its curve: left of an edge that runs down, right of one that bends back up, so that the two
        // edges of a two-lock cycle keep their labels apart; moved up or down a line when it would cover another.
        double labelX = (x1 + x2 + 2 * cx) / 4 + (back ? 6 : sameRow ? 0 : -6);
        String anchor = back ? "start" : sameRow ? "middle" : "end";
        double labelY = freeLine(labelBoxes, labelX, (y1 + y2 + 2 * cy) / 4 + (sameRow ? -4 : 4), anchor,
                LABEL_CHAR_WIDTH * label.length());
        StringBuilder title = new StringBuilder(e.from().display()).append(" -> ").append(e.to().display());
        for (LockGraph.Site s : e.sites()) {
            title.append('\n').append(s.describe()).append(s.via() == null ? "" : " via " + s.via());
        }
        sb.append("<g class=\"edge").append(e.onCycle() ? " on-cycle" : "").append("\" data-from=\"")
                .append(esc(e.from().id())).append("\" data-to=\"").append(esc(e.to().id())).append("\"><title>")
                .append(esc(title.toString())).append("</title><path d=\"M").append(fmt(x1)).append(',').append(fmt(y1))
                .append(" Q").append(fmt(cx)).append(',').append(fmt(cy)).append(' ').append(fmt(x2)).append(',')
                .append(fmt(y2)).append("\" marker-end=\"url(#").append(e.onCycle() ? "arrow-cycle" : "arrow")
                .append(")\"/><text class=\"label\" x=\"").append(fmt(labelX)).append("\" y=\"").append(fmt(labelY))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(esc(label))
                .append("</text></g>\n");
    }

    /** The baseline nearest {@code y} (at most two lines away) where the label covers no label placed before. */
    private static double freeLine(List<double[]> placed, double x, double y, String anchor, double width) {
        double left = "start".equals(anchor) ? x : "end".equals(anchor) ? x - width : x - width / 2;
        double[] best = null;
        for (double dy : LABEL_NUDGES) {
            double[] box = {left, y + dy - LABEL_LINE + 2, left + width, y + dy + 2};
            if (best == null) {
                best = box;
            }
            boolean free = true;
            for (double[] p : placed) {
                free &= box[2] <= p[0] || p[2] <= box[0] || box[3] <= p[1] || p[3] <= box[1];
            }
            if (free) {
                best = box;
                break;
            }
        }
        placed.add(best);
        return best[3] - 2;
    }

    private static double widest(GraphLayout layout) {
        double w = 0;
        for (double v : layout.width) {
            w = Math.max(w, v);
        }
        return w;
    }

    /** An edge's label: the first method that makes it, and how many more places do. */
    private static String label(LockGraph.Edge e) {
        LockGraph.Site first = e.sites().isEmpty() ? null : e.sites().get(0);
        return first == null ? "" : first.method() + "():" + first.line()
                + (e.sites().size() > 1 ? " +" + (e.sites().size() - 1) : "");
    }

    private void findings(StringBuilder sb, ScanResult result) {
        sb.append("<section id=\"findings\"><h2>Findings</h2>\n");
        String file = null;
        int n = 0;
        for (Finding f : result.findings()) {
            String path = displayPath(f);
            if (!Objects.equals(path, file)) {
                sb.append(file == null ? "" : "</section>\n").append("<section class=\"file\" data-file=\"")
                        .append(esc(path)).append("\"><h3>").append(esc(path)).append("</h3>\n");
                file = path;
            }
            n++;
            sb.append("<article class=\"finding\" id=\"finding-").append(n).append("\" data-code=\"").append(f.code())
                    .append("\" data-priority=\"").append(f.priorityName()).append("\" data-line=\"").append(f.startLine())
                    .append("\"><p class=\"head\"><a class=\"code\" href=\"#code-").append(f.code()).append("\">")
                    .append(f.code()).append("</a> <span class=\"priority ").append(f.priorityName()).append("\">")
                    .append(f.priorityName()).append("</span> ").append(f.startLine() > 0 ? "line " + f.startLine() : "")
                    .append("</p><p class=\"message\">").append(esc(f.message())).append("</p>");
            source(sb, f.sourceFile(), f.startLine(), f.endLine());
            if (!f.otherSites().isEmpty()) {
                sb.append("<ul class=\"sites\">");
                for (Finding.Site s : f.otherSites()) {
                    sb.append("<li>").append(esc(s.description())).append("</li>");
                }
                sb.append("</ul>");
            }
            sb.append("</article>\n");
        }
        sb.append(file == null ? "<p class=\"none\">No findings.</p>" : "</section>\n").append("</section>\n");
    }

    /** The lines around a finding, the finding's own lines marked; nothing when the source file is not at hand. */
    private static void source(StringBuilder sb, Path file, int start, int end) {
        if (file == null || start <= 0) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            sb.append("<p class=\"none\">Source not readable: ").append(esc(e.getMessage())).append("</p>");
            return;
        }
        int last = Math.max(start, end);
        sb.append("<pre class=\"source\">");
        for (int i = Math.max(1, start - CONTEXT_LINES); i <= Math.min(lines.size(), last + CONTEXT_LINES); i++) {
            boolean hit = i >= start && i <= last;
            sb.append("<span class=\"line").append(hit ? " hit" : "").append("\" data-line=\"").append(i).append("\">")
                    .append(String.format(Locale.ROOT, "%5d  ", i)).append(esc(lines.get(i - 1))).append("</span>");
        }
        sb.append("</pre>");
    }

    private void codes(StringBuilder sb, ScanResult result) {
        Set<String> reported = new LinkedHashSet<>();
        result.findings().forEach(f -> reported.add(f.code()));
        sb.append("<section id=\"codes\"><h2>Bug codes</h2>\n");
        for (Map.Entry<String, BugPattern> e : result.patterns().entrySet()) {
            if (!reported.contains(e.getKey())) {
                continue;
            }
            BugPattern p = e.getValue();
            sb.append("<article class=\"bug-code\" id=\"code-").append(e.getKey()).append("\"><h3>").append(e.getKey())
                    .append("</h3><p><b>").append(esc(p.getShortDescription())).append("</b></p>");
            docs.forReader(e.getKey(), base).map(this::relativeToPage).ifPresent(link -> sb.append("<p><a class=\"docs\" href=\"")
                    .append(esc(link)).append("\">").append(esc(e.getKey())).append(" explained: causes, fixes and ")
                    .append("examples</a></p>"));
            // The plugin's own explanation (messages.xml, small HTML); the page's policy keeps any script in it dead.
            sb.append("<div class=\"details\">").append(p.getDetailText()).append("</div></article>\n");
        }
        sb.append(reported.isEmpty() ? "<p class=\"none\">No code reported.</p>" : "").append("</section>\n");
    }

    private static void problems(StringBuilder sb, ScanResult result) {
        if (result.problems().isEmpty()) {
            return;
        }
        sb.append("<section id=\"problems\"><h2>Problems</h2><p>The report covers only what could be analysed.</p><ul>");
        for (Problem p : result.problems()) {
            sb.append("<li>").append(esc(p.toString())).append("</li>");
        }
        sb.append("</ul></section>\n");
    }

    private String displayPath(Finding f) {
        if (f.sourceFile() != null) {
            Path abs = f.sourceFile().toAbsolutePath().normalize();
            return (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
        }
        return f.sourcePath() != null ? f.sourcePath() : f.className();
    }

    /** A link to a local file as a path relative to the page, so that the page and the docs can move together. */
    private String relativeToPage(String link) {
        if (!link.startsWith("/")) {
            return link;
        }
        Path target = Paths.get(link);
        return base.getRoot() != null && base.getRoot().equals(target.getRoot())
                ? base.relativize(target).toString().replace('\\', '/') : target.toUri().toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:80em;color:#222;"
            + "padding:0 1em}h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ddd}"
            + "h3{font-size:1.05em;font-family:monospace}code,pre{font-family:monospace}.about,.scope,.none{color:#555}"
            + "table.summary{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .8em;text-align:left}"
            + "td.n{text-align:right}.finding{border-left:4px solid #e0a000;padding:.2em .8em;margin:.8em 0}"
            + ".finding[data-priority=high]{border-color:#c62828}.finding[data-priority=low]{border-color:#9e9e9e}"
            + ".priority{font-size:.85em;padding:0 .4em;border-radius:3px;background:#eee}"
            + "pre.source{background:#f7f7f7;padding:.4em 0;overflow:auto;font-size:12.5px}pre.source .line{display:block;"
            + "padding:0 .6em}pre.source .hit{background:#ffe9a8}svg.lock-graph{display:block;max-width:100%;height:auto;"
            + "border:1px solid #eee;margin:.6em 0}svg .node rect{fill:#f4f7ff;stroke:#5c6bc0;stroke-width:1.5}"
            + "svg .node.on-cycle rect{fill:#fff1f1;stroke:#c62828;stroke-width:2.5}svg text{font:12px monospace;fill:#222}"
            + "svg .edge path{fill:none;stroke:#9a9a9a;stroke-width:1.3}svg .edge.on-cycle path{stroke:#c62828;"
            + "stroke-width:2.6}svg .edge .label{font-size:10.5px;fill:#666}svg .edge.on-cycle .label{fill:#c62828;"
            + "font-weight:bold}.details{color:#333}";
}
