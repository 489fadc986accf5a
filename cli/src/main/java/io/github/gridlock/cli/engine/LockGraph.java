package io.github.gridlock.cli.engine;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole-program lock-order graph of a scan, as the lock-order detector exports it (format
 * {@code gridlock-lock-graph/1}): the locks, and every edge with the places that make it and whether a reported
 * cycle runs through it. Read-only; the report writers draw it.
 */
public final class LockGraph {
    /** The export format this reader understands. */
    public static final String FORMAT = "gridlock-lock-graph/1";

    /** A lock: its stable key and its name for people. */
    public static final class Lock {
        private final String id;
        private final String display;

        Lock(String id, String display) {
            this.id = id;
            this.display = display;
        }

        public String id() {
            return id;
        }

        public String display() {
            return display;
        }
    }

    /** One place that makes an edge: the method that takes the inner lock (or calls what takes it), and its line. */
    public static final class Site {
        private final String className;
        private final String method;
        private final String file;
        private final int line;
        private final String via;

        Site(String className, String method, String file, int line, String via) {
            this.className = className;
            this.method = method;
            this.file = file;
            this.line = line;
            this.via = via;
        }

        public String className() {
            return className;
        }

        public String method() {
            return method;
        }

        /** Source path relative to a source root ({@code com/acme/Bank.java}). */
        public String file() {
            return file;
        }

        public int line() {
            return line;
        }

        /** The call chain that takes the lock, when the site is a call; else null. */
        public String via() {
            return via;
        }

        /** {@code Bank.transfer():42}. */
        public String describe() {
            return className.substring(className.lastIndexOf('.') + 1) + "." + method + "():" + line;
        }
    }

    /** {@code from -> to}: {@code to} may be taken while {@code from} is held. */
    public static final class Edge {
        private final Lock from;
        private final Lock to;
        private final boolean onCycle;
        private final List<Site> sites;

        Edge(Lock from, Lock to, boolean onCycle, List<Site> sites) {
            this.from = from;
            this.to = to;
            this.onCycle = onCycle;
            this.sites = List.copyOf(sites);
        }

        public Lock from() {
            return from;
        }

        public Lock to() {
            return to;
        }

        /** True when a reported lock-order cycle runs through this edge. */
        public boolean onCycle() {
            return onCycle;
        }

        /** Every place that makes the edge, by location. */
        public List<Site> sites() {
            return sites;
        }
    }

    private final Map<String, Lock> locks;
    private final List<Edge> edges;

    private LockGraph(Map<String, Lock> locks, List<Edge> edges) {
        this.locks = Collections.unmodifiableMap(locks);
        this.edges = List.copyOf(edges);
    }

    /** Reads an export file. */
    public static LockGraph read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonObject root = JsonParser.parseReader(r).getAsJsonObject();
            if (!root.has("format") || !FORMAT.equals(root.get("format").getAsString())) {
                throw new IOException(file + ": not a lock graph export of format " + FORMAT);
            }
            Map<String, Lock> locks = new LinkedHashMap<>();
            for (JsonElement e : root.getAsJsonArray("locks")) {
                JsonObject l = e.getAsJsonObject();
                locks.put(l.get("id").getAsString(), new Lock(l.get("id").getAsString(), l.get("display").getAsString()));
            }
            List<Edge> edges = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray("edges")) {
                JsonObject o = e.getAsJsonObject();
                List<Site> sites = new ArrayList<>();
                for (JsonElement s : o.getAsJsonArray("sites")) {
                    JsonObject site = s.getAsJsonObject();
                    sites.add(new Site(site.get("class").getAsString(), site.get("method").getAsString(),
                            site.get("file").getAsString(), site.get("line").getAsInt(),
                            site.has("via") ? site.get("via").getAsString() : null));
                }
                edges.add(new Edge(lock(locks, o.get("from").getAsString()), lock(locks, o.get("to").getAsString()),
                        o.get("onCycle").getAsBoolean(), sites));
            }
            // The export names every lock it mentions; the graph's nodes are the locks its edges join.
            Map<String, Lock> nodes = new LinkedHashMap<>();
            for (Edge e : edges) {
                nodes.put(e.from.id, e.from);
                nodes.put(e.to.id, e.to);
            }
            return new LockGraph(nodes, edges);
        } catch (IllegalStateException | ClassCastException | NullPointerException
                | com.google.gson.JsonParseException e) {
            throw new IOException(file + ": a malformed lock graph export (" + e.getMessage() + ")", e);
        }
    }

    private static Lock lock(Map<String, Lock> locks, String id) {
        return locks.computeIfAbsent(id, k -> new Lock(k, k));
    }

    /** The graph's nodes: every lock some edge starts or ends at, by id. */
    public Map<String, Lock> locks() {
        return locks;
    }

    public List<Edge> edges() {
        return edges;
    }

    /** The locks on some reported cycle. */
    public List<Lock> cycleLocks() {
        Map<String, Lock> out = new LinkedHashMap<>();
        for (Edge e : edges) {
            if (e.onCycle) {
                out.put(e.from.id, e.from);
                out.put(e.to.id, e.to);
            }
        }
        return new ArrayList<>(out.values());
    }
}
