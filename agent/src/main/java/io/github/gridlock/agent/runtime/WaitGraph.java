package io.github.gridlock.agent.runtime;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The watchdog's waits-for graph with thread waits: a thread that holds a lock and waits (join, awaitTermination,
 * Future.get, CompletableFuture.join, a latch) for a thread that is blocked on that lock — directly or through other
 * blocked threads — can wait forever (reported as DEADLOCK) or, when its wait has a timeout, until the timeout
 * (STALL). {@link ThreadMXBean#findDeadlockedThreads()} sees lock waits only, so it misses both.
 *
 * <p>One scan: read the waits the hooks recorded and resolve the threads each waits for ({@link WaitTargets}); only
 * if one of those is blocked on a lock or in a wait itself, follow lock owners and targets to a closed set of
 * threads, take one consistent snapshot of it ({@code getThreadInfo} of all of them at once), check that every wait
 * is still the one read before and still pending, and look for a strongly connected set of stuck threads that
 * contains a thread wait. Each set is reported once, with every involved thread's stack.
 */
final class WaitGraph {
    /** No more threads than this are followed in one scan. */
    private static final int MAX_THREADS = 256;

    private WaitGraph() {
    }

    /** A node: one thread of the snapshot and what it waits for. */
    private static final class Node {
        final ThreadInfo info;
        /** Its thread wait, verified; null when it is blocked on a lock or running. */
        ThreadWaitInfo wait;
        List<Long> targets = new ArrayList<>();
        /** Blocked on a lock (monitor or ownable synchronizer) that this thread owns, else -1. */
        long lockOwner = -1;
        boolean stuck;

        Node(ThreadInfo info) {
            this.info = info;
        }

        boolean or() {
            return wait != null && wait.kind == Waits.LATCH;
        }

        boolean timed() {
            return wait != null ? wait.timed() : info.getThreadState() == Thread.State.TIMED_WAITING;
        }

        List<Long> successors() {
            if (lockOwner >= 0) {
                return List.of(lockOwner);
            }
            return targets;
        }
    }

    static void scan(ThreadMXBean mx) {
        List<ThreadWaitInfo> all = LockHooks.threadWaits();
        Map<Long, ThreadWaitInfo> waits = new LinkedHashMap<>();
        for (ThreadWaitInfo w : all) {
            if (w.target != null) {
                waits.put(w.threadId, w);
            }
        }
        if (waits.isEmpty()) {
            return;
        }
        Map<Thread, Long> startedBy = null;
        Map<Long, List<Long>> targets = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadWaitInfo w : waits.values()) {
            if (w.kind == Waits.LATCH && startedBy == null) {
                startedBy = LockHooks.startedBy();
            }
            List<Long> ids = new ArrayList<>();
            for (Thread t : WaitTargets.of(w, all, startedBy == null ? Map.of() : startedBy)) {
                ids.add(id(t));
                names.put(id(t), t.getName());
            }
            if (!ids.isEmpty()) {
                targets.put(w.threadId, ids);
            }
        }
        if (targets.isEmpty() || !anyTargetWaits(mx, targets, waits)) {
            return;
        }
        Set<Long> ids = closure(mx, targets);
        ThreadInfo[] snapshot = mx.getThreadInfo(toArray(ids), mx.isObjectMonitorUsageSupported(),
                mx.isSynchronizerUsageSupported());
        Map<Long, Node> nodes = nodes(snapshot, waits, targets);
        markStuck(nodes);
        for (List<Node> scc : stronglyConnected(nodes)) {
            if (hasThreadWait(scc)) {
                report(mx, scc, names);
            }
        }
    }

    /** Cheap pre-check (no stacks): is any target blocked on a lock, or itself in a recorded wait? */
    private static boolean anyTargetWaits(ThreadMXBean mx, Map<Long, List<Long>> targets,
            Map<Long, ThreadWaitInfo> waits) {
        Set<Long> ids = new LinkedHashSet<>();
        for (List<Long> t : targets.values()) {
            ids.addAll(t);
        }
        for (ThreadInfo ti : mx.getThreadInfo(toArray(ids), 0)) {
            if (ti != null && (ti.getLockOwnerId() >= 0 || waits.containsKey(ti.getThreadId()))) {
                return true;
            }
        }
        return false;
    }

    /** The waiting threads, their targets, and the owners of the locks those are blocked on, transitively. */
    private static Set<Long> closure(ThreadMXBean mx, Map<Long, List<Long>> targets) {
        Set<Long> ids = new LinkedHashSet<>(targets.keySet());
        List<Long> todo = new ArrayList<>();
        for (List<Long> t : targets.values()) {
            todo.addAll(t);
        }
        while (!todo.isEmpty() && ids.size() < MAX_THREADS) {
            List<Long> batch = new ArrayList<>();
            for (Long id : todo) {
                if (ids.add(id)) {
                    batch.add(id);
                }
            }
            todo.clear();
            if (batch.isEmpty()) {
                break;
            }
            for (ThreadInfo ti : mx.getThreadInfo(toArray(batch), 0)) {
                if (ti == null) {
                    continue;
                }
                if (ti.getLockOwnerId() >= 0) {
                    todo.add(ti.getLockOwnerId());
                }
                List<Long> next = targets.get(ti.getThreadId());
                if (next != null) {
                    todo.addAll(next);
                }
            }
        }
        return ids;
    }

    private static Map<Long, Node> nodes(ThreadInfo[] snapshot, Map<Long, ThreadWaitInfo> waits,
            Map<Long, List<Long>> targets) {
        Map<Long, Node> nodes = new LinkedHashMap<>();
        for (ThreadInfo ti : snapshot) {
            if (ti != null) {
                nodes.put(ti.getThreadId(), new Node(ti));
            }
        }
        for (Node n : nodes.values()) {
            ThreadInfo ti = n.info;
            Thread.State st = ti.getThreadState();
            if (ti.getLockOwnerId() >= 0 && nodes.containsKey(ti.getLockOwnerId())) {
                n.lockOwner = ti.getLockOwnerId();
                continue;
            }
            ThreadWaitInfo w = waits.get(ti.getThreadId());
            List<Long> t = targets.get(ti.getThreadId());
            if (w == null || t == null || ti.getLockOwnerId() >= 0
                    || (st != Thread.State.WAITING && st != Thread.State.TIMED_WAITING) || !inWaitCall(w, ti)) {
                continue;
            }
            // checked after the snapshot: the wait read before it is still the same and still pending
            if (!w.unchanged() || !WaitTargets.stillPending(w)) {
                continue;
            }
            n.wait = w;
            for (Long id : t) {
                if (nodes.containsKey(id)) {
                    n.targets.add(id);
                }
            }
        }
        return nodes;
    }

    /** The thread's stack shows the waiting call (so the recorded wait is the one it is parked in). */
    private static boolean inWaitCall(ThreadWaitInfo w, ThreadInfo ti) {
        for (StackTraceElement f : ti.getStackTrace()) {
            if (Waits.isWaitFrame(w.kind, f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Greatest fixed point: a thread is stuck if it waits for a lock whose owner is stuck, for all of its targets
     * of which one is stuck (join, executor, future), or, for a latch, every thread that could count it down is
     * stuck.
     */
    private static void markStuck(Map<Long, Node> nodes) {
        for (Node n : nodes.values()) {
            n.stuck = n.lockOwner >= 0 || (n.wait != null && !n.targets.isEmpty());
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Node n : nodes.values()) {
                if (n.stuck && !stillStuck(n, nodes)) {
                    n.stuck = false;
                    changed = true;
                }
            }
        }
    }

    private static boolean stillStuck(Node n, Map<Long, Node> nodes) {
        List<Long> next = n.successors();
        boolean any = false;
        boolean every = true;
        for (Long id : next) {
            Node m = nodes.get(id);
            boolean s = m != null && m.stuck;
            any |= s;
            every &= s;
        }
        return n.or() ? every && !next.isEmpty() : any;
    }

    /** Tarjan's algorithm over the stuck threads (edges between stuck threads only); cyclic sets only. */
    private static List<List<Node>> stronglyConnected(Map<Long, Node> nodes) {
        Map<Node, Integer> index = new HashMap<>();
        Map<Node, Integer> low = new HashMap<>();
        List<Node> stack = new ArrayList<>();
        Set<Node> onStack = new java.util.HashSet<>();
        List<List<Node>> result = new ArrayList<>();
        int[] counter = {0};
        for (Node n : nodes.values()) {
            if (n.stuck && !index.containsKey(n)) {
                strongConnect(n, nodes, index, low, stack, onStack, result, counter);
            }
        }
        return result;
    }

    private static void strongConnect(Node v, Map<Long, Node> nodes, Map<Node, Integer> index,
            Map<Node, Integer> low, List<Node> stack, Set<Node> onStack, List<List<Node>> result, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.add(v);
        onStack.add(v);
        boolean selfLoop = false;
        for (Long id : v.successors()) {
            Node w = nodes.get(id);
            if (w == null || !w.stuck) {
                continue;
            }
            selfLoop |= w == v;
            if (!index.containsKey(w)) {
                strongConnect(w, nodes, index, low, stack, onStack, result, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<Node> scc = new ArrayList<>();
            Node w;
            do {
                w = stack.remove(stack.size() - 1);
                onStack.remove(w);
                scc.add(w);
            } while (w != v);
            if (scc.size() > 1 || selfLoop) {
                result.add(scc);
            }
        }
    }

    private static boolean hasThreadWait(List<Node> scc) {
        for (Node n : scc) {
            if (n.wait != null) {
                return true;
            }
        }
        return false;
    }

    private static void report(ThreadMXBean mx, List<Node> scc, Map<Long, String> names) {
        scc.sort((a, b) -> Long.compare(a.info.getThreadId(), b.info.getThreadId()));
        boolean timed = false;
        long[] ids = new long[scc.size()];
        List<String> waitsFor = new ArrayList<>();
        List<ThreadDump> dumps = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            Node n = scc.get(i);
            ids[i] = n.info.getThreadId();
            timed |= n.timed();
            String what = n.wait != null ? describe(n, names) : String.valueOf(n.info.getLockName());
            waitsFor.add(what);
            dumps.add(Watchdog.dump(n.info, true, what, n.wait != null ? null : n.info.getLockOwnerName()));
        }
        Arrays.sort(ids);
        for (ThreadInfo ti : mx.dumpAllThreads(mx.isObjectMonitorUsageSupported(), mx.isSynchronizerUsageSupported())) {
            if (ti != null && Arrays.binarySearch(ids, ti.getThreadId()) < 0) {
                dumps.add(Watchdog.dump(ti, false, ti.getLockName(), ti.getLockOwnerName()));
            }
        }
        String test = null;
        for (int i = 0; i < ids.length && test == null; i++) {
            test = LockHooks.testOfThread(ids[i]);
        }
        Finding.Kind kind = timed ? Finding.Kind.STALL : Finding.Kind.DEADLOCK;
        LockGraph.reportThreads(kind, "W" + Arrays.toString(ids), waitsFor, dumps, timed, test);
    }

    /** {@code ExecutorService.awaitTermination (up to 10 s) of ScheduledThreadPoolExecutor@1b2c, whose thread ...}. */
    private static String describe(Node n, Map<Long, String> names) {
        ThreadWaitInfo w = n.wait;
        StringBuilder sb = new StringBuilder(Waits.callName(w.kind));
        if (w.timed()) {
            sb.append(" (up to ").append(duration(w.timeoutNanos)).append(')');
        }
        Object target = w.target;
        if (w.kind != Waits.JOIN) {
            sb.append(" of ").append(target.getClass().getName()).append('@')
                    .append(Integer.toHexString(System.identityHashCode(target)));
        }
        sb.append(w.kind == Waits.JOIN ? " of thread" : w.kind == Waits.LATCH ? ", to be counted down by thread"
                : w.kind == Waits.AWAIT_TERMINATION || w.kind == Waits.CLOSE ? ", whose worker thread"
                        : ", computed by thread");
        sb.append(n.targets.size() > 1 ? "s " : " ");
        for (int i = 0; i < n.targets.size(); i++) {
            long id = n.targets.get(i);
            sb.append(i == 0 ? "" : ", ").append('"').append(names.getOrDefault(id, "?")).append("\" (id ")
                    .append(id).append(')');
        }
        return sb.toString();
    }

    static String duration(long nanos) {
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + " s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + " ms";
        }
        return nanos + " ns";
    }

    @SuppressWarnings("deprecation")
    private static long id(Thread t) {
        return t.getId();
    }

    private static long[] toArray(java.util.Collection<Long> ids) {
        long[] r = new long[ids.size()];
        int i = 0;
        for (Long id : ids) {
            r[i++] = id;
        }
        return r;
    }
}
