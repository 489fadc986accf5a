package io.github.gridlock.detectors.lockorder;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.CallFacts;
import io.github.gridlock.detectors.analysis.GlobalLock;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.MethodSummaries;
import io.github.gridlock.detectors.analysis.MethodSummary;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON of a {@link LockGraphExport}: the lock-order graph (every edge with its sites, the edges of reported
 * cycles marked), each lock's identity with what a merge needs to re-name it when its class turns out to live in
 * another module, the analysed classes' supertypes, for each analysed method the locks it may take (directly or
 * through analysed calls) and the calls it makes that no analysed method answers, and every call made while
 * holding locks that leads into such calls. Written with the Gson that SpotBugs ships; only this class touches it.
 */
final class LockGraphJson {
    /** How deep the analysed calls of a method are followed to collect its open calls. */
    static final int MAX_OPEN_DEPTH = 12;

    private final LockOrderGraph graph;
    private final ReachableLocks reachable;
    private final Set<Long> cycleEdges;
    private final GridlockAnalysis analysis = GridlockAnalysis.current();
    private final Map<String, GlobalLock> locks = new TreeMap<>();
    private final Map<MethodDescriptor, Set<String>> opensMemo = new HashMap<>();

    private LockGraphJson(LockOrderGraph graph, ReachableLocks reachable, Set<Long> cycleEdges) {
        this.graph = graph;
        this.reachable = reachable;
        this.cycleEdges = cycleEdges;
    }

    /** Writes the export of the analysis that just ran. */
    static void write(LockOrderGraph graph, ReachableLocks reachable, Set<Long> cycleEdges, Path file) throws IOException {
        JsonObject root = new LockGraphJson(graph, reachable, cycleEdges).toJson();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root, w);
        }
    }

    private JsonObject toJson() {
        JsonObject root = new JsonObject();
        root.addProperty("format", LockGraphExport.FORMAT);
        JsonArray edges = edges();
        JsonArray methods = new JsonArray();
        JsonArray openCalls = new JsonArray();
        Set<ClassDescriptor> classes = new LinkedHashSet<>();
        List<MethodDescriptor> all = new ArrayList<>(analysis.program().methods());
        all.sort((a, b) -> a.toString().compareTo(b.toString()));
        for (MethodDescriptor md : all) {
            classes.add(md.getClassDescriptor());
            JsonObject m = method(md);
            if (m != null) {
                methods.add(m);
            }
            openCallsOf(md, openCalls);
        }
        root.add("classes", classes(classes));
        root.add("locks", locks());
        root.add("edges", edges);
        root.add("methods", methods);
        root.add("openCalls", openCalls);
        return root;
    }

    private JsonArray edges() {
        Map<GlobalLock, Integer> ids = new HashMap<>();
        for (int i = 0; i < graph.nodeCount(); i++) {
            ids.put(graph.node(i), i);
            locks.put(graph.node(i).key(), graph.node(i));
        }
        List<LockOrderGraph.Edge> sorted = new ArrayList<>();
        graph.edges().forEach(sorted::add);
        sorted.sort((a, b) -> (a.from.key() + " " + a.to.key()).compareTo(b.from.key() + " " + b.to.key()));
        JsonArray out = new JsonArray();
        for (LockOrderGraph.Edge e : sorted) {
            JsonObject edge = new JsonObject();
            edge.addProperty("from", e.from.key());
            edge.addProperty("to", e.to.key());
            edge.addProperty("onCycle", cycleEdges.contains(((long) ids.get(e.from) << 32) | ids.get(e.to)));
            edge.addProperty("certain", e.isCertain());
            JsonArray sites = new JsonArray();
            List<LockOrderGraph.Site> ordered = new ArrayList<>(e.sites);
            ordered.sort(LockOrderGraph.Site.BY_LOCATION);
            for (LockOrderGraph.Site s : ordered) {
                JsonObject site = new JsonObject();
                site.addProperty("class", s.className);
                site.addProperty("method", s.methodName);
                site.addProperty("signature", s.methodSignature);
                site.addProperty("file", s.sourcePath());
                site.addProperty("line", s.line);
                if (s.via != null) {
                    site.addProperty("via", s.via);
                }
                site.add("held", strings(s.heldKeys));
                site.addProperty("mode", s.mode.name());
                site.addProperty("innerShared", s.innerShared);
                site.addProperty("outerShared", s.outerShared);
                if (s.assumed != null) {
                    site.addProperty("assumed", s.assumed);
                }
                sites.add(site);
            }
            edge.add("sites", sites);
            out.add(edge);
        }
        return out;
    }

    /** The locks the method may take and the open calls it leads to; null when it has neither. */
    private JsonObject method(MethodDescriptor md) {
        Map<GlobalLock, ReachableLocks.Reach> reach = reachable == null ? Map.of() : reachable.of(md);
        Set<String> opens = opensOf(md);
        if (reach.isEmpty() && opens.isEmpty()) {
            return null;
        }
        JsonObject m = methodRef(md);
        JsonArray acquires = new JsonArray();
        for (Map.Entry<GlobalLock, ReachableLocks.Reach> e : reach.entrySet()) {
            locks.put(e.getKey().key(), e.getKey());
            JsonObject a = new JsonObject();
            a.addProperty("lock", e.getKey().key());
            a.addProperty("path", e.getValue().path.toString());
            a.addProperty("shared", e.getValue().shared);
            a.addProperty("mode", e.getValue().mode.name());
            if (e.getValue().assumed != null) {
                a.addProperty("assumed", e.getValue().assumed);
            }
            acquires.add(a);
        }
        m.add("acquires", acquires);
        JsonArray calls = new JsonArray();
        opens.forEach(calls::add);
        m.add("opens", calls);
        return m;
    }

    /**
     * The open calls the method makes, directly or through the analysed methods it calls (to a bounded depth), as
     * {@code kind owner.name signature}.
     */
    private Set<String> opensOf(MethodDescriptor start) {
        Set<String> cached = opensMemo.get(start);
        if (cached != null) {
            return cached;
        }
        Set<String> out = new LinkedHashSet<>();
        Set<MethodDescriptor> seen = new HashSet<>();
        Deque<MethodDescriptor> todo = new ArrayDeque<>();
        Map<MethodDescriptor, Integer> depth = new HashMap<>();
        todo.add(start);
        depth.put(start, 0);
        seen.add(start);
        while (!todo.isEmpty()) {
            MethodDescriptor md = todo.poll();
            for (OpenCalls.Call c : summaries().part(md, OpenCalls.PART)) {
                out.add(c.kind + " " + c.owner + "." + c.name + " " + c.signature);
            }
            int d = depth.get(md);
            if (d >= MAX_OPEN_DEPTH) {
                continue;
            }
            for (CallFacts.CallSite site : analysis.summary(md).calls()) {
                if (seen.add(site.callee())) {
                    depth.put(site.callee(), d + 1);
                    todo.add(site.callee());
                }
            }
        }
        opensMemo.put(start, out);
        return out;
    }

    /**
     * Calls made while holding locks that lead out of what this analysis sees: the open calls themselves, and the
     * calls into analysed methods that make open calls (a merge follows both).
     */
    private void openCallsOf(MethodDescriptor md, JsonArray out) {
        MethodSummary summary = analysis.summary(md);
        for (OpenCalls.Call c : summaries().part(md, OpenCalls.PART)) {
            if (!c.held.isEmpty()) {
                out.add(openCall(md, c.line, c.held, c.shared, c.kind, c.owner, c.name, c.signature));
            }
        }
        for (CallFacts.CallSite site : summary.calls()) {
            if (site.held().isEmpty() || opensOf(site.callee()).isEmpty()) {
                continue;
            }
            List<GlobalLock> held = new ArrayList<>();
            List<Boolean> shared = new ArrayList<>();
            for (HeldLock h : site.held()) {
                GlobalLock g = h.isOnSomePathsOnly() ? null : GlobalLock.of(h.lock(), md);
                if (g != null && !held.contains(g)) {
                    held.add(g);
                    shared.add(h.lock().kind().isShared());
                }
            }
            if (!held.isEmpty()) {
                MethodDescriptor callee = site.callee();
                out.add(openCall(md, site.line(), held, shared, "module", callee.getSlashedClassName().replace('/', '.'),
                        callee.getName(), callee.getSignature()));
            }
        }
    }

    private JsonObject openCall(MethodDescriptor md, int line, List<GlobalLock> held, List<Boolean> shared, String kind,
            String owner, String name, String signature) {
        JsonObject call = methodRef(md);
        call.addProperty("file", sourcePath(md));
        call.addProperty("line", line);
        JsonArray heldArray = new JsonArray();
        for (int i = 0; i < held.size(); i++) {
            locks.put(held.get(i).key(), held.get(i));
            JsonObject h = new JsonObject();
            h.addProperty("lock", held.get(i).key());
            h.addProperty("shared", shared.get(i));
            heldArray.add(h);
        }
        call.add("held", heldArray);
        call.addProperty("kind", kind);
        call.addProperty("owner", owner);
        call.addProperty("name", name);
        call.addProperty("targetSignature", signature);
        return call;
    }

    private JsonArray classes(Set<ClassDescriptor> classes) {
        JsonArray out = new JsonArray();
        for (ClassDescriptor cd : classes) {
            XClass x = xclass(cd);
            if (x == null) {
                continue;
            }
            JsonObject c = new JsonObject();
            c.addProperty("name", cd.getDottedClassName());
            if (x.getSuperclassDescriptor() != null) {
                c.addProperty("super", x.getSuperclassDescriptor().getDottedClassName());
            }
            JsonArray interfaces = new JsonArray();
            for (ClassDescriptor i : x.getInterfaceDescriptorList()) {
                interfaces.add(i.getDottedClassName());
            }
            c.add("interfaces", interfaces);
            c.addProperty("interface", x.isInterface());
            out.add(c);
        }
        return out;
    }

    /**
     * Each lock with what a merge needs to name it across modules: {@code object}, the class whose monitor (or
     * {@code Lock}) it is, when it is named by a class; {@code fieldType}, the declared class of a field lock's object.
     */
    private JsonArray locks() {
        JsonArray out = new JsonArray();
        for (GlobalLock lock : locks.values()) {
            JsonObject l = new JsonObject();
            l.addProperty("id", lock.key());
            l.addProperty("display", lock.display());
            String bare = lock.key().endsWith("#lock") ? lock.key().substring(0, lock.key().length() - 5) : lock.key();
            if (!bare.contains("#") && isApplicationClass(bare)) {
                l.addProperty("object", bare);
            } else if (!bare.contains("#") && bare.lastIndexOf('.') > 0) {
                String type = fieldType(bare.substring(0, bare.lastIndexOf('.')), bare.substring(bare.lastIndexOf('.') + 1));
                if (type != null) {
                    l.addProperty("fieldType", type);
                }
            }
            out.add(l);
        }
        return out;
    }

    private static JsonObject methodRef(MethodDescriptor md) {
        JsonObject m = new JsonObject();
        m.addProperty("class", md.getSlashedClassName().replace('/', '.'));
        m.addProperty("method", md.getName());
        m.addProperty("signature", md.getSignature());
        return m;
    }

    private static String sourcePath(MethodDescriptor md) {
        XClass x = xclass(md.getClassDescriptor());
        String cls = md.getSlashedClassName();
        String dir = cls.lastIndexOf('/') < 0 ? "" : cls.substring(0, cls.lastIndexOf('/') + 1);
        String file = x == null || x.getSource() == null ? null : x.getSource();
        if (file == null) {
            String simple = cls.substring(cls.lastIndexOf('/') + 1);
            file = (simple.indexOf('$') < 0 ? simple : simple.substring(0, simple.indexOf('$'))) + ".java";
        }
        return dir + file;
    }

    private MethodSummaries summaries() {
        return analysis.summaries();
    }

    private static boolean isApplicationClass(String dotted) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        return context != null && context.isApplicationClass(DescriptorFactory.createClassDescriptorFromDottedClassName(dotted))
                && xclass(DescriptorFactory.createClassDescriptorFromDottedClassName(dotted)) != null;
    }

    /** The dotted class of a field's declared type, or null (not a field of a known class, or not an object). */
    private static String fieldType(String owner, String name) {
        XClass x = xclass(DescriptorFactory.createClassDescriptorFromDottedClassName(owner));
        if (x == null) {
            return null;
        }
        for (XField f : x.getXFields()) {
            if (f.getName().equals(name)) {
                String sig = f.getSignature();
                return sig.startsWith("L") && sig.endsWith(";") ? sig.substring(1, sig.length() - 1).replace('/', '.') : null;
            }
        }
        return null;
    }

    private static XClass xclass(ClassDescriptor cd) {
        try {
            return Global.getAnalysisCache().getClassAnalysis(XClass.class, cd);
        } catch (CheckedAnalysisException | RuntimeException e) {
            return null;
        }
    }

    private static JsonArray strings(Iterable<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

}
