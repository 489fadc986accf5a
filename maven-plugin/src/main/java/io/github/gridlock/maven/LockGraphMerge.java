package io.github.gridlock.maven;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
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

/**
 * Merges the lock exports ({@code gridlock-lock-graph/1}) of several modules and finds the lock-order cycles that
 * no single module's scan could see. Each module's own edges are kept; then every call a module makes while
 * holding locks into code it did not analyse (its open calls) is followed into the module that has the code: the
 * locks the target method may take there become edges from each held lock. An interface or virtual call reaches
 * every analysed method of the same name and signature in a class below the call's owner. Locks are matched by
 * their keys, which agree across modules for locks named by a class (static fields, class literals,
 * {@code synchronized static}); a lock held in an instance field is named by its declaring field and agrees too.
 */
final class LockGraphMerge {
    static final String FORMAT = "gridlock-lock-graph/1";
    /** How many open calls deep a merge follows calls from module to module. */
    static final int MAX_HOPS = 6;

    /** One edge of the merged graph: the lock held, the lock taken, and where (with the module). */
    static final class Edge {
        final String from;
        final String to;
        final List<String> sites = new ArrayList<>();
        final Set<String> modules = new LinkedHashSet<>();
        boolean crossModule;

        Edge(String from, String to) {
            this.from = from;
            this.to = to;
        }
    }

    /** A method of some module: the locks it may take, and the open calls it leads to. */
    private static final class MethodInfo {
        final String module;
        final String className;
        final Set<String> acquires = new LinkedHashSet<>();
        final List<String> opens = new ArrayList<>();

        MethodInfo(String module, String className) {
            this.module = module;
            this.className = className;
        }
    }

    private final Map<String, Edge> edges = new LinkedHashMap<>();
    private final Map<String, String> display = new HashMap<>();
    /** {@code name signature} to the methods of that name and signature, in every module. */
    private final Map<String, List<MethodInfo>> methodsByName = new HashMap<>();
    private final Map<String, Set<String>> supertypes = new HashMap<>();
    private final List<JsonObject> openCalls = new ArrayList<>();
    private final List<String> modules = new ArrayList<>();

    /** Adds one module's export. */
    void add(String module, Path export) throws IOException {
        JsonObject root;
        try (Reader r = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(export + ": not a lock export (" + e.getMessage() + ")", e);
        }
        if (!root.has("format") || !FORMAT.equals(root.get("format").getAsString())) {
            throw new IOException(export + ": not a lock export of format " + FORMAT);
        }
        modules.add(module);
        for (JsonElement e : root.getAsJsonArray("locks")) {
            JsonObject l = e.getAsJsonObject();
            display.put(l.get("id").getAsString(), l.get("display").getAsString());
        }
        for (JsonElement e : root.getAsJsonArray("classes")) {
            JsonObject c = e.getAsJsonObject();
            Set<String> up = supertypes.computeIfAbsent(c.get("name").getAsString(), k -> new LinkedHashSet<>());
            if (c.has("super")) {
                up.add(c.get("super").getAsString());
            }
            c.getAsJsonArray("interfaces").forEach(i -> up.add(i.getAsString()));
        }
        for (JsonElement e : root.getAsJsonArray("edges")) {
            JsonObject o = e.getAsJsonObject();
            Edge edge = edge(o.get("from").getAsString(), o.get("to").getAsString());
            edge.modules.add(module);
            for (JsonElement s : o.getAsJsonArray("sites")) {
                JsonObject site = s.getAsJsonObject();
                edge.sites.add(simple(site.get("class").getAsString()) + "." + site.get("method").getAsString() + "():"
                        + site.get("line").getAsInt() + " [" + module + "]");
            }
        }
        for (JsonElement e : root.getAsJsonArray("methods")) {
            JsonObject m = e.getAsJsonObject();
            MethodInfo info = new MethodInfo(module, m.get("class").getAsString());
            m.getAsJsonArray("acquires").forEach(a -> info.acquires.add(a.getAsJsonObject().get("lock").getAsString()));
            m.getAsJsonArray("opens").forEach(o -> info.opens.add(o.getAsString()));
            methodsByName.computeIfAbsent(m.get("method").getAsString() + " " + m.get("signature").getAsString(),
                    k -> new ArrayList<>()).add(info);
        }
        for (JsonElement e : root.getAsJsonArray("openCalls")) {
            JsonObject call = e.getAsJsonObject();
            call.addProperty("module", module);
            openCalls.add(call);
        }
    }

    /** Follows every module's open calls into the other modules, adding the edges they make. */
    void link() {
        for (JsonObject call : openCalls) {
            String module = call.get("module").getAsString();
            List<String> held = new ArrayList<>();
            call.getAsJsonArray("held").forEach(h -> held.add(h.getAsJsonObject().get("lock").getAsString()));
            String site = simple(call.get("class").getAsString()) + "." + call.get("method").getAsString() + "():"
                    + call.get("line").getAsInt() + " [" + module + "] calls " + simple(call.get("owner").getAsString())
                    + "." + call.get("name").getAsString() + "()";
            Map<String, String> taken = new LinkedHashMap<>();
            reach(call.get("kind").getAsString(), call.get("owner").getAsString(), call.get("name").getAsString(),
                    call.get("targetSignature").getAsString(), module, 0, new HashSet<>(), taken);
            for (Map.Entry<String, String> t : taken.entrySet()) {
                for (String h : held) {
                    if (!h.equals(t.getKey())) {
                        Edge edge = edge(h, t.getKey());
                        edge.crossModule = true;
                        edge.modules.add(module);
                        edge.modules.add(t.getValue());
                        edge.sites.add(site + " which takes it [" + t.getValue() + "]");
                    }
                }
            }
        }
    }

    /** The locks (with the module that takes each) a call may take in other modules, through their open calls too. */
    private void reach(String kind, String owner, String name, String signature, String fromModule, int hops,
            Set<String> seen, Map<String, String> out) {
        if (hops > MAX_HOPS || !seen.add(kind + " " + owner + "." + name + signature)) {
            return;
        }
        for (MethodInfo m : methodsByName.getOrDefault(name + " " + signature, List.of())) {
            boolean matches = m.className.equals(owner) || (!"static".equals(kind) && !"special".equals(kind)
                    && isBelow(m.className, owner));
            if (!matches || m.module.equals(fromModule)) {
                continue;
            }
            m.acquires.forEach(l -> out.putIfAbsent(l, m.module));
            for (String open : m.opens) {
                String[] parts = open.split(" ");
                int dot = parts[1].lastIndexOf('.');
                reach(parts[0], parts[1].substring(0, dot), parts[1].substring(dot + 1), parts[2], m.module, hops + 1,
                        seen, out);
            }
        }
    }

    private boolean isBelow(String cls, String ancestor) {
        Deque<String> todo = new ArrayDeque<>(List.of(cls));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String c = todo.poll();
            if (c.equals(ancestor)) {
                return true;
            }
            if (seen.add(c)) {
                todo.addAll(supertypes.getOrDefault(c, Set.of()));
            }
        }
        return false;
    }

    /**
     * The cycles of the merged graph that need more than one module (an edge found by following a call into
     * another module, or edges of different modules), one per set of locks, each as its edges in order.
     */
    List<List<Edge>> crossModuleCycles() {
        Map<String, List<Edge>> out = new LinkedHashMap<>();
        for (Edge e : edges.values()) {
            out.computeIfAbsent(e.from, k -> new ArrayList<>()).add(e);
        }
        List<List<Edge>> cycles = new ArrayList<>();
        Set<Set<String>> lockSets = new HashSet<>();
        for (Edge start : edges.values()) {
            List<Edge> path = shortestPath(start.to, start.from, out);
            if (path == null) {
                continue;
            }
            List<Edge> cycle = new ArrayList<>();
            cycle.add(start);
            cycle.addAll(path);
            Set<String> cycleModules = new HashSet<>();
            boolean linked = false;
            for (Edge e : cycle) {
                cycleModules.addAll(e.modules);
                linked |= e.crossModule;
            }
            Set<String> locks = new HashSet<>();
            cycle.forEach(e -> locks.add(e.from));
            // A cycle within one module is that module's scan's finding already.
            if ((linked || cycleModules.size() > 1) && lockSets.add(locks)) {
                cycles.add(cycle);
            }
        }
        return cycles;
    }

    private static List<Edge> shortestPath(String from, String to, Map<String, List<Edge>> out) {
        Map<String, Edge> via = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>(List.of(from));
        while (!todo.isEmpty()) {
            String at = todo.poll();
            if (at.equals(to)) {
                List<Edge> path = new ArrayList<>();
                for (String n = to; !n.equals(from); n = via.get(n).from) {
                    path.add(0, via.get(n));
                }
                return path;
            }
            for (Edge e : out.getOrDefault(at, List.of())) {
                if (seen.add(e.to)) {
                    via.put(e.to, e);
                    todo.add(e.to);
                }
            }
        }
        return null;
    }

    List<String> modules() {
        return modules;
    }

    int edgeCount() {
        return edges.size();
    }

    String display(String lock) {
        return display.getOrDefault(lock, lock);
    }

    private Edge edge(String from, String to) {
        return edges.computeIfAbsent(from + "\u0000" + to, k -> new Edge(from, to));
    }

    private static String simple(String cls) {
        return cls.substring(cls.lastIndexOf('.') + 1);
    }
}
