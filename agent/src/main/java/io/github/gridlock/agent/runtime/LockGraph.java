package io.github.gridlock.agent.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The global lock-order graph. Reads ({@link #find}, {@link LockNode#edgeTo}) take no lock; every change happens
 * under {@link #MUTEX}, a lock private to the agent that no instrumented code can take.
 */
final class LockGraph {
    static final byte EXCLUSIVE = 0;
    static final byte READ = 1;
    static final byte WRITE = 2;
    /** A monitor (synchronized): exclusive, and its release on an exceptional path may go unseen. */
    static final byte MONITOR = 3;

    static final ReentrantLock MUTEX = new ReentrantLock();
    private static final NodeTable TABLE = new NodeTable();
    private static final List<Finding> FINDINGS = new ArrayList<>();
    private static final Set<String> REPORTED = new HashSet<>();
    private static final Map<String, Set<String>> FILTERED = new HashMap<>();
    private static final int MAX_FILTERED_KEYS = 100_000;
    private static volatile int findingCount;
    private static int nextNodeId;
    private static int nextEdgeId;

    private LockGraph() {
    }

    static LockNode find(Object lock) {
        return TABLE.find(lock);
    }

    /** The node of a lock, created on first sight. */
    static LockNode node(Object lock) {
        LockNode n = TABLE.find(lock);
        return n != null ? n : create(lock, null);
    }

    /** Records that {@code lock} lives in the field {@code label} (first field wins over the class name). */
    static void name(Object lock, String label) {
        LockNode n = TABLE.find(lock);
        if (n != null && n.named) {
            return;
        }
        create(lock, label);
    }

    private static LockNode create(Object lock, String label) {
        MUTEX.lock();
        try {
            return createLocked(lock, label);
        } finally {
            MUTEX.unlock();
        }
    }

    /** Caller holds MUTEX. */
    private static LockNode createLocked(Object lock, String label) {
        {
            LockNode n = TABLE.find(lock);
            if (n == null) {
                Object sync = RwLocks.syncOf(lock);
                if (sync != null) {
                    n = TABLE.find(sync);
                    if (n == null) {
                        n = new LockNode(++nextNodeId, defaultLabel(lock), true);
                        TABLE.add(sync, n, true);
                    }
                    TABLE.add(lock, n, false);
                } else {
                    n = new LockNode(++nextNodeId, defaultLabel(lock), RwLocks.isReadWrite(lock));
                    TABLE.add(lock, n, true);
                }
            }
            if (label != null && !n.named) {
                n.named = true;
                n.label = lock instanceof ReentrantReadWriteLock.ReadLock ? label + "(read)"
                        : lock instanceof ReentrantReadWriteLock.WriteLock ? label + "(write)" : label;
                if (lock instanceof ReentrantReadWriteLock.ReadLock
                        || lock instanceof ReentrantReadWriteLock.WriteLock) {
                    n.named = false; // a field holding the whole lock names it better
                }
            }
            return n;
        }
    }

    static String defaultLabel(Object lock) {
        if (lock instanceof Class) {
            return simpleName(((Class<?>) lock).getName()) + ".class";
        }
        if (lock instanceof ReentrantReadWriteLock.ReadLock || lock instanceof ReentrantReadWriteLock.WriteLock) {
            return "ReentrantReadWriteLock";
        }
        return simpleName(lock.getClass().getName());
    }

    private static String simpleName(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('.') + 1);
    }

    /** A lock whose write half was acquired for the first time: read-read cycles through it may now be real. */
    static void writerSeen(LockNode node) {
        MUTEX.lock();
        try {
            if (node.writerSeen) {
                return;
            }
            node.writerSeen = true;
            List<LockEdge> incoming = new ArrayList<>();
            TABLE.forEachLiveNode(n -> {
                LockNode.Out out = n.out;
                for (int i = 0; i < out.count; i++) {
                    LockEdge e = out.edges[i];
                    if (e.to == node) {
                        incoming.add(e);
                    }
                }
            });
            for (LockEdge e : incoming) {
                CycleFinder.check(e, false);
            }
        } finally {
            MUTEX.unlock();
        }
    }

    /**
     * Slow path of an acquisition, in one critical section: creates the nodes it lacks (the lock's and those of the
     * locks held), records that the thread acquires {@code lock} while holding each of them (with {@code stack},
     * captured before the lock was taken), and looks for cycles through every new or changed edge. Returns the
     * violation message when the acquisition must be refused.
     */
    static String acquire(ThreadState ts, Object lock, byte mode, boolean timed, Throwable stack) {
        MUTEX.lock();
        try {
            TABLE.expunge();
            LockNode to = createLocked(lock, null);
            for (int j = 0; j < ts.size; j++) {
                ThreadState.Slot held = ts.slots[j];
                if (held.node == null) {
                    held.node = createLocked(held.lock, null);
                }
            }
            String violation = null;
            for (int j = 0; j < ts.size && violation == null; j++) {
                if (ts.slots[j].node != to) {
                    violation = edgeLocked(ts, j, to, mode, timed, stack);
                }
            }
            return violation;
        } finally {
            MUTEX.unlock();
        }
    }

    /** Caller holds MUTEX: the edge from the thread's j-th held lock to {@code to}, then the cycle check. */
    private static String edgeLocked(ThreadState ts, int j, LockNode to, byte mode, boolean timed, Throwable stack) {
        LockNode from = ts.slots[j].node;
        LockNode[] gates = currentGates(ts, j, to);
        LockEdge e = from.edgeTo(to);
        boolean changed = false;
        if (e == null) {
            Occurrence occ = occurrence(ts, timed, stack);
            e = new LockEdge(from, to, ++nextEdgeId, occ, gates, ts.slots[j].mode == READ, mode == READ);
            from.add(e, TABLE.deaths());
            changed = true;
        } else {
            if (e.timedOnly && !timed) {
                e.timedOnly = false;
                changed = true;
            }
            if (e.fromReadOnly && ts.slots[j].mode != READ) {
                e.fromReadOnly = false;
                changed = true;
            }
            if (e.toReadOnly && mode != READ) {
                e.toReadOnly = false;
                changed = true;
            }
            LockNode[] kept = intersect(e.gates, gates);
            if (kept.length != e.gates.length) {
                e.gates = kept;
                changed = true;
            }
            if (!e.saturated && !hasOccurrence(e, ts)) {
                Occurrence[] occ = e.occurrences;
                if (occ.length >= LockEdge.MAX_OCCURRENCES) {
                    e.saturated = true;
                } else {
                    Occurrence[] more = Arrays.copyOf(occ, occ.length + 1);
                    more[occ.length] = occurrence(ts, timed, stack);
                    e.occurrences = more;
                }
                changed = true;
            }
        }
        if (changed || e.violating) {
            return CycleFinder.check(e, true);
        }
        return null;
    }

    /**
     * Called by the housekeeper after a garbage collection: edges to locks it collected are dropped, and the stacks
     * of edges whose locks both survived it are turned into their compact form; those of locks that died were never
     * worth the walk.
     */
    static void compactSurvivingStacks(int beforeEpoch) {
        MUTEX.lock();
        try {
            TABLE.expunge();
            TABLE.forEachLiveNode(n -> {
                n.pruneDead();
                LockNode.Out out = n.out;
                for (int i = 0; i < out.count; i++) {
                    LockEdge e = out.edges[i];
                    if (!e.to.dead) {
                        for (Occurrence o : e.occurrences) {
                            o.compactIfOlderThan(beforeEpoch);
                        }
                    }
                }
            });
        } finally {
            MUTEX.unlock();
        }
    }

    static boolean hasOccurrence(LockEdge e, ThreadState ts) {
        Segment s = ts.shared.current;
        long tid = ts.threadId;
        for (Occurrence o : e.occurrences) {
            if (o.threadId == tid && o.segment == s) {
                return true;
            }
        }
        return false;
    }

    private static LockNode[] currentGates(ThreadState ts, int j, LockNode to) {
        LockNode[] g = new LockNode[ts.size];
        int n = 0;
        outer:
        for (int k = 0; k < ts.size; k++) {
            LockNode h = ts.slots[k].node;
            if (k == j || h == null || h == to || h == ts.slots[j].node) {
                continue;
            }
            for (int m = 0; m < n; m++) {
                if (g[m] == h) {
                    continue outer;
                }
            }
            g[n++] = h;
        }
        return n == 0 ? LockEdge.NO_GATES : Arrays.copyOf(g, n);
    }

    private static LockNode[] intersect(LockNode[] a, LockNode[] b) {
        LockNode[] r = new LockNode[a.length];
        int n = 0;
        for (LockNode x : a) {
            for (LockNode y : b) {
                if (x == y) {
                    r[n++] = x;
                    break;
                }
            }
        }
        return n == a.length ? a : Arrays.copyOf(r, n);
    }

    private static Occurrence occurrence(ThreadState ts, boolean timed, Throwable stack) {
        return new Occurrence(ts.threadId, Thread.currentThread().getName(), ts.isVirtual(), ts.shared.current,
                stack, timed);
    }

    /** Caller holds MUTEX. Returns false if this cycle was reported before. */
    static boolean report(String key, Finding.Kind kind, List<String> locks, List<EdgeInfo> edges,
            List<ThreadDump> threads, boolean timed, String filter, String test) {
        if (!REPORTED.add(key)) {
            return false;
        }
        Finding f = new Finding(kind, FINDINGS.size() + 1, locks, edges, threads, timed, filter, test);
        FINDINGS.add(f);
        findingCount = FINDINGS.size();
        Reporter.publish(f);
        return true;
    }

    /** A DEADLOCK or STALL the watchdog found: {@code locks} says what each involved thread waits for. */
    static void reportThreads(Finding.Kind kind, String key, List<String> locks, List<ThreadDump> threads,
            boolean timed, String test) {
        MUTEX.lock();
        try {
            report(key, kind, locks, new ArrayList<>(), threads, timed, null, test);
        } finally {
            MUTEX.unlock();
        }
    }

    /** Caller holds MUTEX. True if the cycle with this key was reported as a LOCK_ORDER_CYCLE. */
    static boolean isReported(String key) {
        return REPORTED.contains(key);
    }

    /** Caller holds MUTEX. Records that a filter stopped the cycle {@code key} (for the exit summary). */
    static void filtered(String filter, String key) {
        Set<String> keys = FILTERED.get(filter);
        if (keys == null) {
            keys = new HashSet<>();
            FILTERED.put(filter, keys);
        }
        if (keys.size() < MAX_FILTERED_KEYS) {
            keys.add(key);
        }
    }

    /**
     * What the run amounted to: nodes and edges ever created, and per filter the distinct cycles it stopped that were
     * never reported as LOCK_ORDER_CYCLE.
     */
    static Stats stats() {
        MUTEX.lock();
        try {
            Map<String, Integer> filtered = new LinkedHashMap<>();
            for (String f : new String[] {CycleFinder.GATE, CycleFinder.READ_READ, CycleFinder.SINGLE_THREAD,
                CycleFinder.HAPPENS_BEFORE}) {
                int n = 0;
                for (String key : FILTERED.getOrDefault(f, Set.of())) {
                    if (!REPORTED.contains(key)) {
                        n++;
                    }
                }
                filtered.put(f, n);
            }
            return new Stats(nextNodeId, nextEdgeId, filtered);
        } finally {
            MUTEX.unlock();
        }
    }

    static int findingCount() {
        return findingCount;
    }

    static List<Finding> findings() {
        MUTEX.lock();
        try {
            return new ArrayList<>(FINDINGS);
        } finally {
            MUTEX.unlock();
        }
    }

    static int liveNodes() {
        ThreadTable.sweep(); // a thread that ended no longer pins its last locks
        MUTEX.lock();
        try {
            TABLE.expunge();
            return TABLE.liveNodes();
        } finally {
            MUTEX.unlock();
        }
    }

    /** Edges between two live nodes. */
    static int liveEdges() {
        MUTEX.lock();
        try {
            TABLE.expunge();
            int[] n = {0};
            TABLE.forEachLiveNode(node -> {
                LockNode.Out out = node.out;
                for (int i = 0; i < out.count; i++) {
                    LockEdge e = out.edges[i];
                    if (!e.to.dead) {
                        n[0]++;
                    }
                }
            });
            return n[0];
        } finally {
            MUTEX.unlock();
        }
    }

    /** Tests only: forget findings (the graph itself is kept; tests use fresh lock objects). */
    static void clearFindings() {
        MUTEX.lock();
        try {
            FINDINGS.clear();
            REPORTED.clear();
            FILTERED.clear();
            findingCount = 0;
        } finally {
            MUTEX.unlock();
        }
    }
}
