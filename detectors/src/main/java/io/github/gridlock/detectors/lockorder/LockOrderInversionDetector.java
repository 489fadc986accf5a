package io.github.gridlock.detectors.lockorder;

import io.github.gridlock.detectors.analysis.CallFacts;
import io.github.gridlock.detectors.analysis.LockFacts;
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.GlobalLock;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.MethodNames;
import io.github.gridlock.detectors.analysis.LockKind;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.report.BugTypes;
import io.github.gridlock.detectors.report.Suppressions;
import org.apache.bcel.classfile.JavaClass;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * GL_LOCK_ORDER_INVERSION: a cycle in the whole-program lock-order graph.
 *
 * <p>Each class contributes its edges as SpotBugs visits it (from method summaries: nested
 * acquisitions, and calls made while holding a lock to methods that may acquire another); the cycle
 * search runs once, in {@link #report()}. Lock identity across methods is {@link GlobalLock}. Not
 * reported: a cycle in which every edge is taken while one common "gate" lock is held (the gate
 * serialises them); edges whose inner acquisition is an untimed {@code tryLock()} (it never waits, so
 * it cannot close a deadlock). Reported at low priority: a cycle that can only wedge until a timed
 * {@code tryLock} gives up, and a cycle of read (shared) holds, which deadlocks only when a writer is
 * queued on one of the locks.
 */
public class LockOrderInversionDetector implements Detector {
    static final int MAX_CYCLE_LENGTH = 6;
    static final int MAX_CYCLES = 200;
    static final long MAX_SEARCH_STEPS = 2_000_000L;

    private final BugReporter bugReporter;
    private final LockOrderGraph graph = new LockOrderGraph();
    private final List<PendingMethod> pendingEdges = new ArrayList<>();
    private ReachableLocks reachable;

    public LockOrderInversionDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        JavaClass jc = classContext.getJavaClass();
        // Edges wait for report(): which classes a receiver can be (ReceiverClasses) is known only once every
        // class's field writes were seen.
        String className = jc.getClassName();
        String sourceFile = jc.getSourceFileName();
        analysis.summariesOf(classContext).forEach((method, summary) -> {
            if (mayOrderLocks(summary)) {
                pendingEdges.add(new PendingMethod(
                        new SiteMethod(className, sourceFile, method.getName(), method.getSignature(), method.isStatic()),
                        summary));
            }
            if (summary.method() != null) {
                // Now, while the method's dataflow is cached: report() would have to recompute it.
                analysis.summaries().part(summary.method(), ValueOrigins.PART);
            }
        });
    }

    /**
     * False when {@link #addEdges} can add nothing for the method: it takes no lock while holding one and calls
     * nothing while holding one. Most methods are such, and the summaries of those need not wait for report().
     */
    private static boolean mayOrderLocks(MethodSummary summary) {
        for (LockFacts.Acquisition a : summary.acquisitions()) {
            if (!a.heldBefore().isEmpty()) {
                return true;
            }
        }
        for (CallFacts.CallSite c : summary.calls()) {
            if (!c.held().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** A visited method whose edges wait for report(). */
    private static final class PendingMethod {
        final SiteMethod where;
        final MethodSummary summary;

        PendingMethod(SiteMethod where, MethodSummary summary) {
            this.where = where;
            this.summary = summary;
        }
    }

    /** The method edges are found in, as a {@link LockOrderGraph.Site} names it (kept small: edges wait for report()). */
    private static final class SiteMethod {
        final String className;
        final String sourceFile;
        final String name;
        final String signature;
        final boolean isStatic;

        SiteMethod(String className, String sourceFile, String name, String signature, boolean isStatic) {
            this.className = className;
            this.sourceFile = sourceFile;
            this.name = name;
            this.signature = signature;
            this.isStatic = isStatic;
        }
    }

    private void addPendingEdges() {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        reachable = new ReachableLocks(analysis.summaries(),
                new ReceiverClasses(analysis.summaries(), analysis.callGraph(), analysis.fieldFacts()), analysis.valueFacts());
        for (PendingMethod m : pendingEdges) {
            addEdges(m.where, m.summary);
        }
        pendingEdges.clear();
    }

    private void addEdges(SiteMethod method, MethodSummary summary) {
        MethodDescriptor md = summary.method();
        for (LockFacts.Acquisition a : summary.acquisitions()) {
            if (a.mode() == LockFacts.AcquireMode.TRY || a.heldBefore().isEmpty() || a.isReentry()) {
                continue;
            }
            GlobalLock inner = GlobalLock.of(a.lock(), md);
            if (inner == null) {
                continue;
            }
            if (a.lock().kind() == LockKind.MONITOR && unnamedMonitorHeld(a.heldBefore())) {
                continue;
            }
            addFromHeld(method, md, a.heldBefore(), inner, a.lock(), a.line(), a.pc(), null, a.mode(),
                    a.lock().kind().isShared(), null, ReachableLocks.classes(GlobalLock.objectClassOf(a.lock(), md)), Set.of(a.lock()));
        }
        for (List<CallFacts.CallSite> targets : ReachableLocks.byCallSite(summary.calls())) {
            CallFacts.CallSite call = targets.get(0);
            List<HeldLock> held = call.held().isEmpty() ? call.held() : reachable.heldAt(md, summary.calls(), call);
            if (held.isEmpty()) {
                continue;
            }
            for (Map.Entry<GlobalLock, ReachableLocks.SiteReach> e : reachable.reachedThrough(md, targets).entrySet()) {
                ReachableLocks.Reach r = e.getValue().reach;
                if (r.createdInChain || reenters(held, r.local)
                        || r.local.kind() == LockKind.MONITOR && unnamedMonitorHeld(held)) {
                    continue;
                }
                String via = call.via() == null ? r.path.toString() : MethodNames.describe(call.via()) + " running " + r.path;
                addFromHeld(method, md, stillHeld(held, r.releasedBefore), e.getKey(), r.local, call.line(),
                        call.pc(), via, r.mode, r.shared, r.assumed, r.objectClasses, r.alternatives);
            }
        }
    }

    /**
     * Which instance a field lock is, as far as the code says: the field the lock's object was reached through
     * ({@code session} for {@code this.session.lock}, {@code systemSession} for {@code db.systemSession.lock});
     * null when the lock is not a field of another object or the chain is not known.
     */
    private static String instanceOf(LockId lock) {
        AccessPath p = lock.path();
        if (p.kind() != AccessPath.Kind.FIELD || p.base().kind() != AccessPath.Kind.FIELD) {
            return null;
        }
        return p.base().name();
    }

    /** The held locks, less those the callee released before it took the lock ({@code unlock(); call(); lock()}). */
    private static List<HeldLock> stillHeld(List<HeldLock> held, Set<LockId> released) {
        if (released.isEmpty()) {
            return held;
        }
        List<HeldLock> out = new ArrayList<>();
        for (HeldLock h : held) {
            if (!released.contains(h.lock())) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * A monitor the analysis cannot name is held ({@code synchronized (cond ? a : b)}, a value from an unknown
     * call): a monitor taken inside it may be that same object, re-entered, so no order is inferred.
     */
    private static boolean unnamedMonitorHeld(List<HeldLock> held) {
        for (HeldLock h : held) {
            LockId l = h.lock();
            if (l.kind() == LockKind.MONITOR && !l.isStable() && l.path().root().kind() != AccessPath.Kind.FRESH) {
                return true;
            }
        }
        return false;
    }

    /** The callee takes a lock the caller already holds (a synchronized method on a held receiver): no new order. */
    private static boolean reenters(List<HeldLock> held, LockId inCaller) {
        if (!inCaller.path().isKnown()) {
            return false;
        }
        for (HeldLock h : held) {
            if (h.lock().equals(inCaller)) {
                return true;
            }
        }
        return false;
    }

    private void addFromHeld(SiteMethod method, MethodDescriptor md, List<HeldLock> held, GlobalLock inner,
            LockId innerLocal, int line, int pc, String via, LockFacts.AcquireMode mode, boolean innerShared, String assumed,
            Set<String> innerClasses, Set<LockId> innerAlternatives) {
        Set<String> heldKeys = new TreeSet<>();
        for (HeldLock h : held) {
            if (!h.isOnSomePathsOnly()) {
                GlobalLock g = GlobalLock.of(h.lock(), md);
                if (g != null) {
                    heldKeys.add(g.key());
                }
            }
        }
        for (HeldLock h : held) {
            GlobalLock outer = GlobalLock.of(h.lock(), md);
            if (outer == null || outer.equals(inner)) {
                continue;
            }
            graph.add(outer, inner, new LockOrderGraph.Site(method.className, method.name, method.signature,
                    method.isStatic, method.sourceFile, line, pc, via, heldKeys, mode, innerShared,
                    h.lock().kind().isShared(), assumed, instanceOf(h.lock()), instanceOf(innerLocal),
                    GlobalLock.objectClassOf(h.lock(), md), innerClasses, h.lock().path(),
                    paths(innerAlternatives)));
        }
    }

    /** The paths of the locks, or null when they are not known. */
    private static List<AccessPath> paths(Set<LockId> locks) {
        if (locks == null) {
            return null;
        }
        List<AccessPath> out = new ArrayList<>();
        for (LockId l : locks) {
            out.add(l.path());
        }
        return out;
    }

    /** SpotBugs system property naming a file to write the lock-order graph to, in Graphviz dot. */
    public static final String LOCK_GRAPH_PROPERTY = "gridlock.lockGraph";
    /** SpotBugs system property: {@code cycles} draws only the reported cycles and their neighbours. */
    public static final String LOCK_GRAPH_SCOPE_PROPERTY = "gridlock.lockGraph.scope";

    @Override
    public void report() {
        addPendingEdges();
        Set<Long> cycleEdges = new HashSet<>();
        Set<Integer> reported = new HashSet<>();
        boolean truncated = reportTier(graph.successors(true), false, reported, cycleEdges);
        truncated |= reportTier(graph.successors(false), true, reported, cycleEdges);
        String dotFile = edu.umd.cs.findbugs.SystemProperties.getProperty(LOCK_GRAPH_PROPERTY);
        if (dotFile != null && !dotFile.isEmpty()) {
            try {
                java.nio.file.Files.write(java.nio.file.Paths.get(dotFile),
                        graph.toDot(cycleEdges, "cycles".equals(edu.umd.cs.findbugs.SystemProperties.getProperty(
                                LOCK_GRAPH_SCOPE_PROPERTY))).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException | RuntimeException e) {
                bugReporter.logError("Gridlock: cannot write the lock-order graph to " + dotFile + ": " + e.getMessage());
            }
        }
        LockGraphExport.writeIfAsked(graph, reachable, cycleEdges, bugReporter);
        if (truncated) {
            bugReporter.logError("Gridlock: the lock-order graph (" + graph.nodeCount() + " locks, " + graph.edgeCount()
                    + " edges) has a set of locks with more cycles than the search bound and no reported cycle among"
                    + " those searched; a cycle in it may be missed");
        }
    }

    /** The graph built so far, for tools that draw it (the CLI's --lock-graph). */
    public LockOrderGraph graph() {
        return graph;
    }

    /** A cycle that survived the gate check, with what decides its priority. */
    private static final class Judged {
        final int[] cycle;
        final List<LockOrderGraph.Edge> edges;
        final boolean weak;
        /** One site per edge, about the same objects all the way round (see {@link #consistentSites}). */
        final List<LockOrderGraph.Site> sites;

        Judged(int[] cycle, List<LockOrderGraph.Edge> edges, boolean weak, List<LockOrderGraph.Site> sites) {
            this.cycle = cycle;
            this.edges = edges;
            this.weak = weak;
            this.sites = sites;
        }
    }

    /**
     * One tier of the search: first the edges made for certain, then all edges for the cycles that need a call with
     * several possible targets to run the one that takes the lock (low priority, and only cycles with an edge no
     * reported cycle has), so that assumed edges never push a certain cycle out of the search bounds. One finding
     * per strongly connected set of locks. Returns whether a search bound stopped the search of a set of locks
     * that got no finding.
     */
    private boolean reportTier(int[][] successors, boolean assumedTier, Set<Integer> reported, Set<Long> cycleEdges) {
        CycleFinder finder = new CycleFinder(successors, MAX_CYCLE_LENGTH, MAX_CYCLES, MAX_SEARCH_STEPS);
        List<int[]> cycles = finder.cycles();
        int[] component = finder.components();
        Map<Integer, List<Judged>> byComponent = new java.util.TreeMap<>();
        for (int[] cycle : cycles) {
            List<LockOrderGraph.Edge> edges = edgesOf(cycle);
            if (isGated(edges, cycle) || edges.stream().anyMatch(this::isReentryOnly)
                    || assumedTier && (allIn(cycle, cycleEdges) || consistentSites(edges, true, this::isPossible) != null)) {
                continue;
            }
            List<LockOrderGraph.Site> sites = consistentSites(edges, !assumedTier, this::isPossible);
            if (sites == null) {
                continue;
            }
            byComponent.computeIfAbsent(component[cycle[0]], k -> new ArrayList<>())
                    .add(new Judged(cycle, edges, isWeak(edges), sites));
        }
        for (List<Judged> group : byComponent.values()) {
            reportComponent(group, assumedTier);
            for (Judged j : group) {
                for (int i = 0; i < j.cycle.length; i++) {
                    reported.add(j.cycle[i]);
                    cycleEdges.add(((long) j.cycle[i] << 32) | j.cycle[(i + 1) % j.cycle.length]);
                }
            }
        }
        // A bound hit in a set of locks already reported (in this tier or the certain one) loses at most a better
        // witness of it, not a finding.
        Set<Integer> covered = new HashSet<>(byComponent.keySet());
        for (int node : reported) {
            covered.add(component[node]);
        }
        for (int c = 0; c < successors.length; c++) {
            if (finder.isTruncated(component[c]) && !covered.contains(component[c])) {
                return true;
            }
        }
        return false;
    }

    private DelegateCycles delegateCycles;

    /** The chosen sites are not a cycle of one object being its own final delegate ({@link DelegateCycles}). */
    private boolean isPossible(List<LockOrderGraph.Site> sites) {
        if (delegateCycles == null) {
            GridlockAnalysis analysis = GridlockAnalysis.current();
            delegateCycles = new DelegateCycles(analysis.fieldFacts(), analysis.summaries());
        }
        return !delegateCycles.isImpossible(sites);
    }

    private final Map<String, Set<String>> callerHeld = new java.util.HashMap<>();
    private CallerLocks callerLocks;

    /**
     * The locks (global keys) every caller holds around every call of the site's method (a private, package-private
     * or protected helper, a lambda body): held at the site as surely as the method's own.
     */
    private Set<String> heldByEveryCaller(LockOrderGraph.Site site) {
        return callerHeld.computeIfAbsent(site.className + "." + site.methodName + site.methodSignature, k -> {
            MethodDescriptor m = site.method();
            Set<String> keys = new HashSet<>();
            if (callerLocks == null) {
                GridlockAnalysis analysis = GridlockAnalysis.current();
                callerLocks = new CallerLocks(analysis.program(), analysis.fieldFacts());
            }
            for (LockId l : callerLocks.heldByEveryCaller(m)) {
                GlobalLock g = GlobalLock.of(l, m);
                if (g != null) {
                    keys.add(g.key());
                }
            }
            return keys;
        });
    }

    /**
     * An edge whose every site takes a lock its method's callers all hold already re-enters it: it orders nothing
     * ({@code trimOldestRecords} takes the model's monitor, but only ever runs under it).
     */
    private boolean isReentryOnly(LockOrderGraph.Edge edge) {
        for (LockOrderGraph.Site s : edge.sites) {
            if (!heldByEveryCaller(s).contains(edge.to.key())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A node named by a class hierarchy stands for objects of any class in it. One thread path per edge must be able
     * to be about the same objects all the way round: at each lock of the cycle, the site that takes it and the next
     * edge's site that holds it name related classes for it (one a subtype of the other). A {@code Table} taken on
     * one path and a {@code Schema} held on the next are two objects, not one, and close no cycle. Returns one such
     * site per edge (the certain and first-placed ones preferred; only certain ones if {@code certainOnly}; none that
     * {@code possible} rejects as a whole, see {@link DelegateCycles}), or null when there is none.
     */
    static List<LockOrderGraph.Site> consistentSites(List<LockOrderGraph.Edge> edges, boolean certainOnly,
            java.util.function.Predicate<List<LockOrderGraph.Site>> possible) {
        List<List<LockOrderGraph.Site>> ordered = new ArrayList<>();
        for (LockOrderGraph.Edge e : edges) {
            List<LockOrderGraph.Site> sites = new ArrayList<>();
            for (LockOrderGraph.Site site : e.sites) {
                if (site.isCertain() || !certainOnly) {
                    sites.add(site);
                }
            }
            sites.sort(LockOrderGraph.Site.PREFERRED);
            ordered.add(sites);
        }
        for (LockOrderGraph.Site start : ordered.get(0)) {
            List<LockOrderGraph.Site> chain = chainFrom(start, ordered);
            if (chain != null && possible.test(chain)) {
                return chain;
            }
        }
        return null;
    }

    /** A consistent choice of sites starting at {@code start} on edge 0 and closing the cycle back to it. */
    private static List<LockOrderGraph.Site> chainFrom(LockOrderGraph.Site start, List<List<LockOrderGraph.Site>> ordered) {
        int n = ordered.size();
        // reachable.get(i): the sites of edge i reachable from start, each with the site before it.
        List<Map<LockOrderGraph.Site, LockOrderGraph.Site>> reachable = new ArrayList<>();
        Map<LockOrderGraph.Site, LockOrderGraph.Site> first = new java.util.LinkedHashMap<>();
        first.put(start, null);
        reachable.add(first);
        for (int i = 1; i < n; i++) {
            Map<LockOrderGraph.Site, LockOrderGraph.Site> next = new java.util.LinkedHashMap<>();
            for (LockOrderGraph.Site b : ordered.get(i)) {
                for (LockOrderGraph.Site a : reachable.get(i - 1).keySet()) {
                    if (oneObject(a, b)) {
                        next.put(b, a);
                        break;
                    }
                }
            }
            if (next.isEmpty()) {
                return null;
            }
            reachable.add(next);
        }
        for (LockOrderGraph.Site last : reachable.get(n - 1).keySet()) {
            if (oneObject(last, start)) {
                LockOrderGraph.Site[] chain = new LockOrderGraph.Site[n];
                chain[n - 1] = last;
                for (int i = n - 1; i > 0; i--) {
                    chain[i - 1] = reachable.get(i).get(chain[i]);
                }
                return java.util.Arrays.asList(chain);
            }
        }
        return null;
    }

    /** The lock {@code a} takes and the lock {@code b} holds can be one object: their classes are related. */
    private static boolean oneObject(LockOrderGraph.Site a, LockOrderGraph.Site b) {
        if (a.innerClasses == null || b.outerClass == null) {
            return true;
        }
        for (String inner : a.innerClasses) {
            if (inner.equals(b.outerClass) || ConcurrencyApi.isSubtype(inner, b.outerClass)
                    || ConcurrencyApi.isSubtype(b.outerClass, inner)) {
                return true;
            }
        }
        return false;
    }

    private List<LockOrderGraph.Edge> edgesOf(int[] cycle) {
        List<LockOrderGraph.Edge> edges = new ArrayList<>();
        for (int i = 0; i < cycle.length; i++) {
            edges.add(graph.edge(cycle[i], cycle[(i + 1) % cycle.length]));
        }
        return edges;
    }

    /** True when every edge of the cycle is on a cycle already reported. */
    private static boolean allIn(int[] cycle, Set<Long> reportedEdges) {
        for (int i = 0; i < cycle.length; i++) {
            if (!reportedEdges.contains(((long) cycle[i] << 32) | cycle[(i + 1) % cycle.length])) {
                return false;
            }
        }
        return true;
    }

    /** A cycle that only a timed tryLock closes (it wedges until the timeout), or one made of read holds only. */
    private static boolean isWeak(List<LockOrderGraph.Edge> edges) {
        boolean timedOnly = false;
        boolean allShared = true;
        for (LockOrderGraph.Edge e : edges) {
            boolean edgeTimed = true;
            for (LockOrderGraph.Site s : e.sites) {
                edgeTimed &= s.mode == LockFacts.AcquireMode.TIMED_TRY;
                allShared &= s.innerShared && s.outerShared;
            }
            timedOnly |= edgeTimed;
        }
        return timedOnly || allShared;
    }

    /**
     * One finding for a strongly connected set of locks: the message walks its most telling cycle (a strong one,
     * then the shortest), the primary location is that cycle's first site, and every other acquisition site of
     * the set's cycles is a secondary location (up to {@link #MAX_WITNESSES}).
     */
    private void reportComponent(List<Judged> group, boolean assumedTier) {
        group.sort(java.util.Comparator.comparing((Judged j) -> j.weak).thenComparingInt(j -> j.cycle.length));
        Judged best = group.get(0);
        List<LockOrderGraph.Edge> edges = best.edges;
        List<LockOrderGraph.Site> chosen = best.sites;
        int first = 0;
        for (int i = 1; i < edges.size(); i++) {
            if (LockOrderGraph.Site.BY_LOCATION.compare(chosen.get(i), chosen.get(first)) < 0) {
                first = i;
            }
        }
        List<String> paths = new ArrayList<>();
        List<LockOrderGraph.Site> witnesses = new ArrayList<>();
        String assumed = null;
        for (int k = 0; k < edges.size(); k++) {
            int i = (first + k) % edges.size();
            LockOrderGraph.Site site = chosen.get(i);
            paths.add(describeEdge(edges.get(i), site));
            witnesses.add(site);
            if (assumed == null && !site.isCertain()) {
                assumed = site.assumed;
            }
        }
        String message = paths.size() == 2 ? paths.get(0) + ", and " + paths.get(1)
                : String.join("; ", paths.subList(0, paths.size() - 1)) + "; and " + paths.get(paths.size() - 1);
        Set<GlobalLock> locks = new java.util.LinkedHashSet<>();
        List<LockOrderGraph.Site> allSites = new ArrayList<>();
        for (Judged j : group) {
            for (LockOrderGraph.Edge e : j.edges) {
                locks.add(e.from);
                allSites.addAll(e.sites);
            }
        }
        if (locks.size() > edges.size()) {
            message += " (" + locks.size() + " locks take part in " + group.size() + " such cycles)";
        }
        String sameInstance = differentInstances(edges, chosen);
        if (assumed != null) {
            message += "; this assumes " + assumed + " is the one that runs";
        }
        if (sameInstance != null) {
            message += "; this assumes " + sameInstance;
        }
        allSites.sort(LockOrderGraph.Site.BY_LOCATION);
        for (LockOrderGraph.Site site : allSites) {
            if (witnesses.size() > MAX_WITNESSES) {
                break;
            }
            if (witnesses.stream().noneMatch(w -> w.line == site.line && w.className.equals(site.className))) {
                witnesses.add(site);
            }
        }
        int priority = best.weak || assumedTier || sameInstance != null ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY;
        List<LockOrderGraph.Site> primaries = suppressedSites(group);
        if (primaries.isEmpty()) {
            primaries = List.of(witnesses.get(0));
        }
        for (LockOrderGraph.Site primary : primaries) {
            bugReporter.reportBug(cycleBug(priority, message, primary, witnesses));
        }
    }

    /**
     * A field lock that the cycle takes through two different fields ({@code this.session.lock} on one path,
     * {@code database.systemSession.lock} on the other) is one node, but may be two objects: the cycle needs them to
     * be the same. Says so (for the message), or returns null when every lock is reached the same way.
     */
    private static String differentInstances(List<LockOrderGraph.Edge> edges, List<LockOrderGraph.Site> sites) {
        for (int i = 0; i < edges.size(); i++) {
            LockOrderGraph.Site in = sites.get(i);
            LockOrderGraph.Site out = sites.get((i + 1) % edges.size());
            if (in.innerInstance != null && out.outerInstance != null && !in.innerInstance.equals(out.outerInstance)) {
                return "the " + edges.get(i).to.display() + " reached through " + in.innerInstance + " and the one reached"
                        + " through " + out.outerInstance + " are the same object";
            }
        }
        return null;
    }

    /** Secondary locations kept per finding. */
    static final int MAX_WITNESSES = 10;

    /**
     * A suppression on any method of the cycles silences them: SpotBugs matches a method's suppression only against
     * a finding's primary method, so the finding is reported once with each suppressing method as primary (each copy
     * is suppressed by SpotBugs, and no suppression is left looking useless). Empty when nothing suppresses it.
     */
    private static List<LockOrderGraph.Site> suppressedSites(List<Judged> group) {
        List<LockOrderGraph.Site> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Judged j : group) {
            for (LockOrderGraph.Edge e : j.edges) {
                for (LockOrderGraph.Site site : e.sites) {
                    MethodDescriptor m = site.method();
                    if (seen.add(m.toString())
                            && Suppressions.suppresses(m, BugTypes.LOCK_ORDER_INVERSION, "GLLO", "MT_CORRECTNESS")) {
                        out.add(site);
                    }
                }
            }
        }
        return out;
    }

    private BugInstance cycleBug(int priority, String message, LockOrderGraph.Site primary, List<LockOrderGraph.Site> witnesses) {
        BugInstance bug = new BugInstance(this, BugTypes.LOCK_ORDER_INVERSION, priority)
                .addClass(primary.className)
                .addMethod(new MethodAnnotation(primary.className, primary.methodName, primary.methodSignature, primary.isStatic))
                .addSourceLine(primary.sourceLine())
                .addString(message);
        for (LockOrderGraph.Site other : witnesses) {
            if (other != primary) {
                SourceLineAnnotation line = other.sourceLine();
                line.setDescription(SourceLineAnnotation.ROLE_ANOTHER_INSTANCE);
                bug.addSourceLine(line);
            }
        }
        return bug;
    }

    /**
     * One edge as a thread's path, for the message: "CacheIndexDeadlock.put() takes CacheIndexDeadlock.indexLock
     * while holding the monitor of a CacheIndexDeadlock (line 25, through CacheIndexDeadlock.size():31)".
     */
    private static String describeEdge(LockOrderGraph.Edge e, LockOrderGraph.Site site) {
        return methodForUser(site.className, site.methodName) + " takes " + lockForUser(e.to) + " while holding "
                + lockForUser(e.from) + where(site);
    }

    /** " (line 25, through X.size():31)"; without the line when the class file has no line numbers. */
    private static String where(LockOrderGraph.Site site) {
        String through = site.via == null ? null : "through " + innerClassesForUser(site.via);
        if (site.line > 0) {
            return " (line " + site.line + (through == null ? "" : ", " + through) + ")";
        }
        return through == null ? "" : " (" + through + ")";
    }

    /**
     * {@code Ledger.audit()}, {@code Outer.Inner.run()}, "the lambda in Catalog.repricingTask()" (as
     * {@link MethodNames} names it), "call() of an anonymous class in Spooler".
     */
    private static String methodForUser(String className, String methodName) {
        String simple = innerClassesForUser(className.substring(className.lastIndexOf('.') + 1));
        java.util.regex.Matcher anonymous = java.util.regex.Pattern.compile("(.+)\\$\\d+").matcher(simple);
        if (anonymous.matches() && !methodName.startsWith("lambda$")) {
            return methodName + "() of an anonymous class in " + anonymous.group(1);
        }
        return innerClassesForUser(MethodNames.describe(className, methodName));
    }

    /** {@code Outer$Inner} as Java writes it, {@code Outer.Inner}; anonymous classes and lambdas keep their $. */
    private static String innerClassesForUser(String name) {
        return name.replaceAll("\\$(?=[A-Z])", ".");
    }

    /**
     * A node of the graph in the message's words. Locks named by a class alone (a synchronized method, a monitor on
     * a parameter: every instance of the class merged) are "the monitor of a Ledger"; fields and class literals
     * are named as in the source.
     */
    private static String lockForUser(GlobalLock lock) {
        String display = lock.display();
        if (display.endsWith(" (this)") || display.indexOf('.') < 0) {
            String cls = innerClassesForUser(display.replace(" (this)", ""));
            return "the monitor of " + ("AEIOU".indexOf(cls.charAt(0)) >= 0 ? "an " : "a ") + cls;
        }
        return innerClassesForUser(display);
    }

    /** True when one lock outside the cycle is held at every site of every edge: the gate serialises the cycle. */
    private boolean isGated(List<LockOrderGraph.Edge> edges, int[] cycle) {
        Set<String> common = null;
        for (LockOrderGraph.Edge e : edges) {
            for (LockOrderGraph.Site s : e.sites) {
                Set<String> held = new HashSet<>(s.heldKeys);
                held.addAll(heldByEveryCaller(s));
                if (common == null) {
                    common = held;
                } else {
                    common.retainAll(held);
                }
            }
        }
        if (common == null) {
            return false;
        }
        for (int node : cycle) {
            common.remove(graph.node(node).key());
        }
        return !common.isEmpty();
    }
}
