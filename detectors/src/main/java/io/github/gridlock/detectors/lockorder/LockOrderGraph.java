package io.github.gridlock.detectors.lockorder;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;

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
        /** The call with several possible targets this site assumes runs the one that takes the lock; null if certain. */
        final String assumed;
        /** The field the held lock's object was reached through (which instance), or null. */
        final String outerInstance;
        /** The field the taken lock's object was reached through, or null. */
        final String innerInstance;
        /** For object monitors: the class of the held lock's object as the code knows it, or null. */
        final String outerClass;
        /**
         * For object monitors: the classes the taken lock's object may be as the code knows it (one per call target
         * that takes it), or null when not known.
         */
        final Set<String> innerClasses;
        /** The held lock's path in the method's terms ({@code this.pool}), or null. */
        final io.github.gridlock.detectors.analysis.AccessPath outerPath;
        /**
         * Every path, in the method's terms, by which the site may take the lock ({@code this.pool.readWriteLock}; one
         * per call target that takes it), or null when not known.
         */
        final List<io.github.gridlock.detectors.analysis.AccessPath> innerPaths;

        public Site(String className, String methodName, String methodSignature, boolean isStatic, String sourceFile,
                int line, int pc, String via, Set<String> heldKeys, LockFacts.AcquireMode mode, boolean innerShared,
                boolean outerShared, String assumed, String outerInstance, String innerInstance, String outerClass,
                String innerClass) {
            this(className, methodName, methodSignature, isStatic, sourceFile, line, pc, via, heldKeys, mode, innerShared,
                    outerShared, assumed, outerInstance, innerInstance, outerClass,
                    innerClass == null ? null : Set.of(innerClass), null, null);
        }

        public Site(String className, String methodName, String methodSignature, boolean isStatic, String sourceFile,
                int line, int pc, String via, Set<String> heldKeys, LockFacts.AcquireMode mode, boolean innerShared,
                boolean outerShared, String assumed, String outerInstance, String innerInstance, String outerClass,
                Set<String> innerClasses, io.github.gridlock.detectors.analysis.AccessPath outerPath,
                List<io.github.gridlock.detectors.analysis.AccessPath> innerPaths) {
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
            this.assumed = assumed;
            this.outerInstance = outerInstance;
            this.innerInstance = innerInstance;
            this.outerClass = outerClass;
            this.innerClasses = innerClasses;
            this.outerPath = outerPath;
            this.innerPaths = innerPaths;
        }

        boolean isCertain() {
            return assumed == null;
        }

        MethodDescriptor method() {
            return edu.umd.cs.findbugs.classfile.DescriptorFactory.instance().getMethodDescriptor(
                    className.replace('.', '/'), methodName, methodSignature, isStatic);
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

        /** Certain sites first, then by location: the order in which sites are shown as an edge's witness. */
        static final Comparator<Site> PREFERRED = Comparator.comparing((Site s) -> !s.isCertain()).thenComparing(BY_LOCATION);
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

        /** The first certain site by location, or the first site when none is certain. */
        Site firstSite() {
            Site best = null;
            for (Site s : sites) {
                if (best == null || s.isCertain() && !best.isCertain()
                        || s.isCertain() == best.isCertain() && Site.BY_LOCATION.compare(s, best) < 0) {
                    best = s;
                }
            }
            return best;
        }

        /** True when some site makes this edge without assuming which target of a call runs. */
        boolean isCertain() {
            for (Site s : sites) {
                if (s.isCertain()) {
                    return true;
                }
            }
            return false;
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
        } else if (site.isCertain() && !edge.isCertain()) {
            edge.sites.set(0, site);
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
        return successors(false);
    }

    /** Successor lists over every edge, or only over the edges some site makes for certain. */
    int[][] successors(boolean certainOnly) {
        List<List<Integer>> succ = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            succ.add(new ArrayList<>());
        }
        for (Map.Entry<Long, Edge> e : edges.entrySet()) {
            if (!certainOnly || e.getValue().isCertain()) {
                succ.get((int) (e.getKey() >>> 32)).add((int) (long) e.getKey());
            }
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

    /** The whole graph in Graphviz dot, cycle edges drawn red: for people who want to look at it. */
    public String toDot(Set<Long> cycleEdges) {
        return toDot(cycleEdges, false);
    }

    /**
     * The graph in Graphviz dot, cycle edges drawn red. With {@code cyclesOnly}, only the locks on a reported cycle
     * and the locks one edge away from them (drawn grey), with the edges among those: on a big program the whole
     * graph is too wide to read. An edge is labelled with its first site only ({@code put():25}, {@code +2} for more
     * sites); every site, with its full call chain, is in the edge's tooltip.
     */
    public String toDot(Set<Long> cycleEdges, boolean cyclesOnly) {
        java.util.Set<Integer> onCycle = new java.util.TreeSet<>();
        for (long key : cycleEdges) {
            onCycle.add((int) (key >>> 32));
            onCycle.add((int) key);
        }
        java.util.Set<Integer> shown = cyclesOnly ? withNeighbours(onCycle) : allNodes();
        // Top to bottom: with locks' names as wide boxes, left to right made graphs several times wider than high.
        StringBuilder sb = new StringBuilder("digraph lockorder {\n  rankdir=TB;\n"
                + "  node [shape=box, fontname=\"monospace\"];\n  edge [fontname=\"monospace\", fontsize=10];\n");
        for (int i : shown) {
            sb.append("  n").append(i).append(" [label=\"").append(dotEscape(nodes.get(i).display())).append('"');
            if (cyclesOnly && !onCycle.contains(i)) {
                sb.append(", color=grey, fontcolor=grey40");
            }
            sb.append("];\n");
        }
        List<Long> keys = new ArrayList<>(edges.keySet());
        Collections.sort(keys);
        for (Long key : keys) {
            int from = (int) (key >>> 32);
            int to = (int) (long) key;
            if (!shown.contains(from) || !shown.contains(to)) {
                continue;
            }
            Edge e = edges.get(key);
            sb.append("  n").append(from).append(" -> n").append(to).append(" [label=\"")
                    .append(dotEscape(shortLabel(e))).append("\", tooltip=\"").append(dotEscape(tooltip(e))).append('"');
            if (cycleEdges.contains(key)) {
                sb.append(", color=red, fontcolor=red, penwidth=2");
            } else if (cyclesOnly) {
                sb.append(", color=grey, fontcolor=grey40");
            }
            sb.append("];\n");
        }
        return sb.append("}\n").toString();
    }

    private java.util.Set<Integer> allNodes() {
        java.util.Set<Integer> all = new java.util.TreeSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            all.add(i);
        }
        return all;
    }

    /** The given nodes and every node one edge away from one of them, in either direction. */
    private java.util.Set<Integer> withNeighbours(java.util.Set<Integer> core) {
        java.util.Set<Integer> out = new java.util.TreeSet<>(core);
        for (long key : edges.keySet()) {
            int from = (int) (key >>> 32);
            int to = (int) key;
            if (core.contains(from) || core.contains(to)) {
                out.add(from);
                out.add(to);
            }
        }
        return out;
    }

    /** Longer method names are cut in edge labels (the tooltip has them whole). */
    private static final int LABEL_METHOD_CHARS = 24;

    /** {@code put():25}, or {@code put():25 +2} when two more sites make the same edge. */
    private static String shortLabel(Edge e) {
        Site first = e.firstSite();
        String method = first.methodName.length() <= LABEL_METHOD_CHARS ? first.methodName
                : first.methodName.substring(0, LABEL_METHOD_CHARS - 1) + "\u2026";
        return method + "():" + first.line + (e.sites.size() > 1 ? " +" + (e.sites.size() - 1) : "");
    }

    /** Every site of the edge with its whole call chain, one per line. */
    private static String tooltip(Edge e) {
        List<Site> sites = new ArrayList<>(e.sites);
        sites.sort(Site.BY_LOCATION);
        StringBuilder sb = new StringBuilder(e.from.display()).append(" -> ").append(e.to.display());
        for (Site s : sites) {
            sb.append('\n').append(s.describe());
        }
        return sb.toString();
    }

    /** A dot string literal's content: quotes and backslashes escaped, line breaks as dot's \\n. */
    private static String dotEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
