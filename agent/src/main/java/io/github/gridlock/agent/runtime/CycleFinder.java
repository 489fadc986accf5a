package io.github.gridlock.agent.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the cycles through a new or changed edge, classifies each with the false-positive filters and reports it.
 * Runs under the graph lock.
 *
 * <p>A cycle that passes every filter is a LOCK_ORDER_CYCLE. One that only the single-thread or the happens-before
 * filter stops (its edges were seen on one thread, or in start/join order) is still a lock-order inversion, like
 * lockdep reports whatever the timing: it is reported as SEQUENTIAL_LOCK_ORDER_CYCLE, never dropped silently. The
 * gate and read-read filters describe cycles that cannot deadlock at all; those are only counted.
 */
final class CycleFinder {
    private static final int MAX_CYCLES = 8;
    private static final int BUDGET = 20_000;

    /** Names of the filters, as the options spell them. */
    static final String GATE = "gateFilter";
    static final String READ_READ = "readReadFilter";
    static final String SINGLE_THREAD = "singleThreadFilter";
    static final String HAPPENS_BEFORE = "hbFilter";

    private CycleFinder() {
    }

    /** What the filters say about one cycle. */
    static final class Verdict {
        /** One occurrence per edge, for the report; null if a filter applies. */
        final Occurrence[] chosen;
        /** The filter that applies, or null. */
        final String filter;

        Verdict(Occurrence[] chosen, String filter) {
            this.chosen = chosen;
            this.filter = filter;
        }

        boolean concurrent() {
            return chosen != null;
        }

        boolean sequential() {
            return SINGLE_THREAD.equals(filter) || HAPPENS_BEFORE.equals(filter);
        }
    }

    /** Reports the valid, not yet reported cycles through {@code e}; returns a violation message or null. */
    static String check(LockEdge e, boolean mayRefuse) {
        List<List<LockEdge>> cycles = find(e);
        String violation = null;
        for (List<LockEdge> c : cycles) {
            Verdict v = validate(c);
            String key = key(c);
            if (v.concurrent()) {
                report(c, v.chosen, key, Finding.Kind.LOCK_ORDER_CYCLE, null);
            } else {
                LockGraph.filtered(v.filter, key);
                if (!v.sequential() || !RuntimeConfig.reportSequential || LockGraph.isReported(key)) {
                    continue;
                }
                report(c, firstOccurrences(c), "S" + key, Finding.Kind.SEQUENTIAL_LOCK_ORDER_CYCLE, v.filter);
                if (!RuntimeConfig.failOnSequential) {
                    continue;
                }
            }
            // refused whether or not this cycle was reported before: another thread may close it again
            if (violation == null && !timed(c)) {
                violation = violationMessage(e, c);
            }
        }
        if (violation != null && mayRefuse && RuntimeConfig.failOnCycle) {
            e.violating = true;
            return violation;
        }
        return null;
    }

    private static boolean timed(List<LockEdge> c) {
        for (LockEdge x : c) {
            if (x.timedOnly) {
                return true;
            }
        }
        return false;
    }

    private static void report(List<LockEdge> c, Occurrence[] chosen, String key, Finding.Kind kind,
            String filter) {
        List<String> locks = new ArrayList<>();
        List<EdgeInfo> infos = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            LockEdge x = c.get(i);
            Occurrence o = chosen[i];
            locks.add(x.from.label);
            infos.add(new EdgeInfo(x.from.label, x.to.label, o.threadName, o.threadId, o.virtual, x.timedOnly,
                    o.stack()));
        }
        LockGraph.report(key, kind, locks, infos, new ArrayList<>(), timed(c), filter, LockHooks.testToBlame());
    }

    private static String violationMessage(LockEdge e, List<LockEdge> c) {
        StringBuilder sb = new StringBuilder("Gridlock: acquiring ").append(e.to.label).append(" while holding ")
                .append(e.from.label).append(" closes the lock-order cycle ");
        for (LockEdge x : c) {
            sb.append(x.from.label).append(" -> ");
        }
        sb.append(c.get(0).from.label).append(" (a deadlock waiting to happen); refused because onCycle=fail");
        return sb.toString();
    }

    private static Occurrence[] firstOccurrences(List<LockEdge> c) {
        Occurrence[] r = new Occurrence[c.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = c.get(i).occurrences[0];
        }
        return r;
    }

    /** Cycles made of {@code e} followed by a path from {@code e.to} back to {@code e.from}. */
    static List<List<LockEdge>> find(LockEdge e) {
        List<List<LockEdge>> found = new ArrayList<>();
        List<LockEdge> path = new ArrayList<>();
        path.add(e);
        int[] budget = {BUDGET};
        dfs(e.to, e.from, path, found, budget, Math.max(2, RuntimeConfig.maxCycleLength));
        return found;
    }

    private static void dfs(LockNode at, LockNode target, List<LockEdge> path, List<List<LockEdge>> found,
            int[] budget, int maxLen) {
        if (at == target) {
            found.add(new ArrayList<>(path));
            return;
        }
        if (path.size() >= maxLen || found.size() >= MAX_CYCLES || budget[0]-- <= 0) {
            return;
        }
        LockNode.Out out = at.out;
        for (int i = 0; i < out.count; i++) {
            LockEdge x = out.edges[i];
            if (x.to.dead || onPath(path, x.to)) {
                continue;
            }
            path.add(x);
            dfs(x.to, target, path, found, budget, maxLen);
            path.remove(path.size() - 1);
            if (found.size() >= MAX_CYCLES) {
                return;
            }
        }
    }

    private static boolean onPath(List<LockEdge> path, LockNode n) {
        for (int i = 1; i < path.size(); i++) {
            if (path.get(i).from == n) {
                return true;
            }
        }
        return false;
    }

    /** Applies the enabled filters, in the order gate, read-read, then threads and happens-before together. */
    static Verdict validate(List<LockEdge> c) {
        int k = c.size();
        if (RuntimeConfig.gateFilter) {
            LockNode[] common = c.get(0).gates;
            for (int i = 1; i < k && common.length > 0; i++) {
                common = intersect(common, c.get(i).gates);
            }
            if (common.length > 0) {
                return new Verdict(null, GATE);
            }
        }
        if (RuntimeConfig.readReadFilter) {
            for (int i = 0; i < k; i++) {
                LockEdge in = c.get(i);
                LockEdge out = c.get((i + 1) % k);
                LockNode x = in.to;
                if (x.readWrite && in.toReadOnly && out.fromReadOnly && !x.writerSeen) {
                    // readers do not block each other at x, and no writer can wedge them
                    return new Verdict(null, READ_READ);
                }
            }
        }
        boolean threads = RuntimeConfig.singleThreadFilter;
        boolean hb = RuntimeConfig.happensBeforeFilter;
        Occurrence[] chosen = new Occurrence[k];
        if (assign(c, 0, chosen, threads, hb)) {
            return new Verdict(chosen, null);
        }
        // Which filter stopped it: no distinct threads at all, or only happens-before.
        boolean distinctThreads = threads && assign(c, 0, new Occurrence[k], true, false);
        return new Verdict(null, threads && !distinctThreads ? SINGLE_THREAD : HAPPENS_BEFORE);
    }

    /** Backtracking: one occurrence per edge; threads pairwise distinct and/or segments pairwise concurrent. */
    private static boolean assign(List<LockEdge> c, int i, Occurrence[] chosen, boolean threads, boolean hb) {
        if (i == c.size()) {
            return true;
        }
        LockEdge e = c.get(i);
        for (Occurrence o : e.occurrences) {
            if (compatible(c, chosen, i, o, threads, hb)) {
                chosen[i] = o;
                if (assign(c, i + 1, chosen, threads, hb)) {
                    return true;
                }
            }
        }
        if (e.saturated) { // taken by too many thread/segment pairs to track: assume any thread, any time
            chosen[i] = e.occurrences[0];
            return assign(c, i + 1, chosen, threads, hb);
        }
        return false;
    }

    private static boolean compatible(List<LockEdge> c, Occurrence[] chosen, int i, Occurrence o, boolean threads,
            boolean hb) {
        for (int j = 0; j < i; j++) {
            Occurrence p = chosen[j];
            if (c.get(j).saturated) {
                continue;
            }
            if (threads && p.threadId == o.threadId) {
                return false;
            }
            if (hb && p.threadId != o.threadId && Segment.ordered(p.segment, o.segment)) {
                return false;
            }
        }
        return true;
    }

    private static LockNode[] intersect(LockNode[] a, LockNode[] b) {
        List<LockNode> r = new ArrayList<>();
        for (LockNode x : a) {
            for (LockNode y : b) {
                if (x == y) {
                    r.add(x);
                }
            }
        }
        return r.toArray(new LockNode[0]);
    }

    /** Identity of a cycle regardless of the edge it was found from: node ids rotated to start at the smallest. */
    static String key(List<LockEdge> c) {
        int k = c.size();
        int start = 0;
        for (int i = 1; i < k; i++) {
            if (c.get(i).from.id < c.get(start).from.id) {
                start = i;
            }
        }
        StringBuilder sb = new StringBuilder("C");
        for (int i = 0; i < k; i++) {
            sb.append(':').append(c.get((start + i) % k).from.id);
        }
        return sb.toString();
    }
}
