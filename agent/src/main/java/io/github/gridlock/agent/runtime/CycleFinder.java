package io.github.gridlock.agent.runtime;

import java.util.ArrayList;
import java.util.List;

/** Finds the cycles through a new or changed edge and applies the false-positive filters. Runs under the graph lock. */
final class CycleFinder {
    private static final int MAX_CYCLES = 8;
    private static final int BUDGET = 20_000;

    private CycleFinder() {
    }

    /** Reports the valid, not yet reported cycles through {@code e}; returns a violation message or null. */
    static String check(LockEdge e, boolean mayRefuse) {
        List<List<LockEdge>> cycles = find(e);
        String violation = null;
        for (List<LockEdge> c : cycles) {
            Occurrence[] chosen = validate(c);
            if (chosen == null) {
                continue;
            }
            boolean timed = false;
            List<String> locks = new ArrayList<>();
            List<EdgeInfo> infos = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                LockEdge x = c.get(i);
                Occurrence o = chosen[i];
                timed |= x.timedOnly;
                locks.add(x.from.label);
                infos.add(new EdgeInfo(x.from.label, x.to.label, o.threadName, o.threadId, o.virtual, x.timedOnly,
                        o.stack()));
            }
            LockGraph.report(key(c), Finding.Kind.LOCK_ORDER_CYCLE, locks, infos, new ArrayList<>(), timed);
            if (!timed && violation == null) {
                StringBuilder sb = new StringBuilder("Gridlock: acquiring ").append(e.to.label)
                        .append(" while holding ").append(e.from.label).append(" closes the lock-order cycle ");
                for (String l : locks) {
                    sb.append(l).append(" -> ");
                }
                sb.append(locks.get(0)).append(" (a deadlock waiting to happen); refused because onCycle=fail");
                violation = sb.toString();
            }
        }
        if (violation != null && mayRefuse && RuntimeConfig.failOnCycle) {
            e.violating = true;
            return violation;
        }
        return null;
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
        for (LockEdge x : at.out) {
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

    /**
     * Applies the filters. Returns, for each edge, the occurrence used in the report, or null if the cycle cannot
     * deadlock according to an enabled filter.
     */
    static Occurrence[] validate(List<LockEdge> c) {
        int k = c.size();
        if (RuntimeConfig.gateFilter) {
            LockNode[] common = c.get(0).gates;
            for (int i = 1; i < k && common.length > 0; i++) {
                common = intersect(common, c.get(i).gates);
            }
            if (common.length > 0) {
                return null;
            }
        }
        if (RuntimeConfig.readReadFilter) {
            for (int i = 0; i < k; i++) {
                LockEdge in = c.get(i);
                LockEdge out = c.get((i + 1) % k);
                LockNode x = in.to;
                if (x.readWrite && in.toReadOnly && out.fromReadOnly && !x.writerSeen) {
                    return null; // readers do not block each other at x, and no writer can wedge them
                }
            }
        }
        Occurrence[] chosen = new Occurrence[k];
        return assign(c, 0, chosen) ? chosen : null;
    }

    /** Backtracking: one occurrence per edge, threads pairwise distinct, segments pairwise concurrent. */
    private static boolean assign(List<LockEdge> c, int i, Occurrence[] chosen) {
        if (i == c.size()) {
            return true;
        }
        LockEdge e = c.get(i);
        for (Occurrence o : e.occurrences) {
            if (compatible(c, chosen, i, o)) {
                chosen[i] = o;
                if (assign(c, i + 1, chosen)) {
                    return true;
                }
            }
        }
        if (e.saturated) { // taken by too many thread/segment pairs to track: assume any thread, any time
            chosen[i] = e.occurrences[0];
            return assign(c, i + 1, chosen);
        }
        return false;
    }

    private static boolean compatible(List<LockEdge> c, Occurrence[] chosen, int i, Occurrence o) {
        for (int j = 0; j < i; j++) {
            Occurrence p = chosen[j];
            if (c.get(j).saturated) {
                continue;
            }
            if (RuntimeConfig.singleThreadFilter && p.threadId == o.threadId) {
                return false;
            }
            if (RuntimeConfig.happensBeforeFilter && p.threadId != o.threadId
                    && Segment.ordered(p.segment, o.segment)) {
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
