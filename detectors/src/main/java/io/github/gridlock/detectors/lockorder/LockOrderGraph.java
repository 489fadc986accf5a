package io.github.gridlock.detectors.lockorder;

import io.github.gridlock.detectors.analysis.LockFacts;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import io.github.gridlock.detectors.analysis.GlobalLock;
import io.github.gridlock.detectors.analysis.MethodSummary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole-program lock-order graph: an edge {@code A -> B} for every place where B may be acquired
 * while A is held, directly or through calls. Each edge keeps every site that made it, with the
 * locks held there, so cycles can be judged (gate locks, timeouts, read-only cycles) and reported with
 * every acquisition path. Adding a site is O(1); the cycle search runs once, at the end.
 */
public final class LockOrderGraph {

    /** One place that makes an edge: where the inner lock is taken (or the call that takes it). */
    public static final class Site {
        final String className;
        final String methodName;
        final String methodSignature;
        final boolean isStatic;
        final String sourceFile;
        final int line;
        final int pc;
        final String via;
        final Set<String> heldKeys;
        final LockFacts.AcquireMode mode;
        final boolean innerShared;
        final boolean outerShared;

        public Site(String className, String methodName, String methodSignature, boolean isStatic, String sourceFile,
                int line, int pc, String via, Set<String> heldKeys, LockFacts.AcquireMode mode, boolean innerShared,
                boolean outerShared) {
            this.className = className;
            this.methodName = methodName;
            this.methodSignature = methodSignature;
            this.isStatic = isStatic;
            this.sourceFile = sourceFile;
            this.line = line;
            this.pc = pc;
            this.via = via;
            this.heldKeys = heldKeys;
            this.mode = mode;
            this.innerShared = innerShared;
            this.outerShared = outerShared;
        }

        SourceLineAnnotation sourceLine() {
            return new SourceLineAnnotation(className, sourceFile, line, line, pc, pc);
        }

        String sourcePath() {
            int dot = className.lastIndexOf('.');
            return (dot < 0 ? "" : className.substring(0, dot + 1).replace('.', '/')) + sourceFile;
        }

        /** {@code Transfer.debit():42 via Ledger.post():17}. */
        String describe() {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return simple + "." + methodName + "():" + line + (via == null ? "" : " via " + via);
        }

        static final Comparator<Site> BY_LOCATION =
                Comparator.comparing(Site::sourcePath).thenComparingInt(s -> s.line).thenComparingInt(s -> s.pc);
    }

    /** An edge with all its sites. */
    public static final class Edge {
        final GlobalLock from;
        final GlobalLock to;
        final List<Site> sites = new ArrayList<>();

        Edge(GlobalLock from, GlobalLock to) {
            this.from = from;
            this.to = to;
        }

        Site firstSite() {
            return Collections.min(sites, Site.BY_LOCATION);
        }
    }

    private final Map<GlobalLock, Integer> ids = new LinkedHashMap<>();
    private final List<GlobalLock> nodes = new ArrayList<>();
    private final Map<Long, Edge> edges = new HashMap<>();
    /** Per node, the distinct sites kept per edge are capped: a lock pair nested in 500 places needs no 500 entries. */
    static final int MAX_SITES_PER_EDGE = 16;

    public void add(GlobalLock from, GlobalLock to, Site site) {
        if (from.equals(to)) {
            return;
        }
        long key = ((long) id(from) << 32) | id(to);
        Edge edge = edges.computeIfAbsent(key, k -> new Edge(from, to));
        if (edge.sites.size() < MAX_SITES_PER_EDGE) {
            edge.sites.add(site);
        }
    }

    private int id(GlobalLock lock) {
        Integer id = ids.get(lock);
        if (id == null) {
            id = nodes.size();
            ids.put(lock, id);
            nodes.add(lock);
        }
        return id;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public int edgeCount() {
        return edges.size();
    }

    Edge edge(int from, int to) {
        return edges.get(((long) from << 32) | to);
    }

    GlobalLock node(int id) {
        return nodes.get(id);
    }

    /** Successor lists, sorted so the search is deterministic. */
    int[][] successors() {
        List<List<Integer>> succ = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            succ.add(new ArrayList<>());
        }
        for (Long key : edges.keySet()) {
            succ.get((int) (key >>> 32)).add((int) (long) key);
        }
        int[][] out = new int[nodes.size()][];
        for (int i = 0; i < out.length; i++) {
            List<Integer> s = succ.get(i);
            Collections.sort(s);
            out[i] = s.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    Iterable<Edge> edges() {
        return edges.values();
    }

    /** The graph in Graphviz dot, cycle edges drawn red: for people who want to look at it. */
    public String toDot(Set<Long> cycleEdges) {
        StringBuilder sb = new StringBuilder("digraph lockorder {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n");
        for (int i = 0; i < nodes.size(); i++) {
            sb.append("  n").append(i).append(" [label=\"").append(nodes.get(i).display().replace("\"", "\\\"")).append("\"];\n");
        }
        List<Long> keys = new ArrayList<>(edges.keySet());
        Collections.sort(keys);
        for (Long key : keys) {
            Edge e = edges.get(key);
            sb.append("  n").append(key >>> 32).append(" -> n").append((int) (long) key).append(" [label=\"")
                    .append(e.firstSite().describe().replace("\"", "\\\"")).append('"');
            if (cycleEdges.contains(key)) {
                sb.append(", color=red, penwidth=2");
            }
            sb.append("];\n");
        }
        return sb.append("}\n").toString();
    }
}
