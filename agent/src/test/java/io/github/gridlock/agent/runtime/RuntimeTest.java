package io.github.gridlock.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The runtime called directly, in-process (no agent). */
class RuntimeTest {

    @Test
    void knownEdgeFastPathAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        mx.setThreadAllocatedMemoryEnabled(true);
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        ReentrantLock c = new ReentrantLock();
        Object m = new Object();
        for (int i = 0; i < 20_000; i++) {
            nested(a, b, c, m);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            nested(a, b, c, m);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 4096, "known-edge path allocated " + allocated + " bytes in 100k iterations");
    }

    @Test
    void knownEdgeFastPathWithThreadStateLocalAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        mx.setThreadAllocatedMemoryEnabled(true);
        Object a = new Object();
        Object b = new Object();
        ReentrantLock c = new ReentrantLock();
        for (int i = 0; i < 20_000; i++) {
            nestedWithState(a, b, c);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            nestedWithState(a, b, c);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 4096, "known-edge path allocated " + allocated + " bytes in 100k iterations");
        assertEquals(List.of(), LockHooks.heldByCurrentThread());
    }

    /** What an instrumented method with several hooks does (ThreadStateLocalVisitor). */
    private static void nestedWithState(Object a, Object b, ReentrantLock c) {
        Object st = LockHooks.state();
        LockHooks.monitorEnter(a, st);
        synchronized (a) {
            LockHooks.monitorEnter(b, st);
            synchronized (b) {
                LockHooks.beforeLock(c, st);
                c.lock();
                c.unlock();
                LockHooks.afterUnlock(c, st);
                LockHooks.monitorExit(b, st);
            }
            LockHooks.monitorExit(a, st);
        }
    }

    private static void nested(ReentrantLock a, ReentrantLock b, ReentrantLock c, Object m) {
        LockHooks.lock(a);
        LockHooks.lock(b);
        LockHooks.lock(c);
        LockHooks.monitorEnter(m);
        synchronized (m) {
            m.hashCode();
        }
        LockHooks.monitorExit(m);
        LockHooks.unlock(c);
        LockHooks.unlock(b);
        LockHooks.unlock(a);
    }

    @Test
    void collectedLocksDisappearFromTheGraph() throws Exception {
        List<Object> locks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            locks.add(new Object());
        }
        Object outer = new Object();
        // in a thread that ends, so its per-depth acquisition cache does not pin the last lock
        Thread t = new Thread(() -> sync(outer, () -> {
            for (Object l : locks) {
                sync(l, () -> { }); // edge outer -> l: creates a node for l
            }
        }));
        t.start();
        t.join();
        t = null;
        int withLocks = LockHooks.liveLockCount();
        assertTrue(withLocks >= 201, "nodes: " + withLocks);
        locks.clear();
        long deadline = System.currentTimeMillis() + 20_000;
        int now = withLocks;
        while (System.currentTimeMillis() < deadline && now > withLocks - 200) {
            System.gc();
            Thread.sleep(20);
            now = LockHooks.liveLockCount();
        }
        assertTrue(now <= withLocks - 200, "nodes before " + withLocks + ", after GC " + now);
    }

    /**
     * Memory stays bounded: 200k short-lived locks, used in nested pairs (each pair a new edge, with its captured
     * stack), in 10 batches. While a batch's locks are alive the graph holds them; once they are dropped and
     * collected, the live node and edge counts go back to where they were, and do not grow from batch to batch.
     * Fails if collected locks (or their edges) stayed in the graph.
     */
    @Test
    void shortLivedNestedLocksDoNotAccumulate() throws Exception {
        int batches = 10;
        int pairsPerBatch = 10_000;
        int[] baseline = settledCounts(Integer.MAX_VALUE, Integer.MAX_VALUE);
        int slack = 16; // the per-depth caches of this thread pin the last lock or two of each depth
        int[] afterBatch = new int[batches];
        int[] peak = new int[batches];
        for (int b = 0; b < batches; b++) {
            List<Object> alive = new ArrayList<>(2 * pairsPerBatch);
            for (int i = 0; i < pairsPerBatch; i++) {
                if ((i & 1) == 0) {
                    ReentrantLock outer = new ReentrantLock();
                    ReentrantLock inner = new ReentrantLock();
                    LockHooks.lock(outer);
                    LockHooks.lock(inner);
                    LockHooks.unlock(inner);
                    LockHooks.unlock(outer);
                    alive.add(outer);
                    alive.add(inner);
                } else {
                    Object outer = new Object();
                    Object inner = new Object();
                    sync(outer, () -> sync(inner, () -> { }));
                    alive.add(outer);
                    alive.add(inner);
                }
            }
            int liveNodes = LockHooks.liveLockCount();
            int liveEdges = LockHooks.liveEdgeCount();
            assertTrue(liveNodes >= 2 * pairsPerBatch,
                    "batch " + b + ": live locks must be in the graph, nodes " + liveNodes);
            assertTrue(liveEdges >= pairsPerBatch,
                    "batch " + b + ": live edges must be in the graph, edges " + liveEdges);
            alive = null;
            int[] settled = settledCounts(baseline[0] + slack, baseline[1] + slack);
            assertTrue(settled[0] <= baseline[0] + slack && settled[1] <= baseline[1] + slack,
                    "batch " + b + ": collected locks stayed in the graph: nodes " + settled[0] + ", edges "
                            + settled[1] + " (baseline " + baseline[0] + " nodes, " + baseline[1] + " edges)");
            afterBatch[b] = settled[0];
            peak[b] = liveNodes;
        }
        System.out.println("shortLivedNestedLocksDoNotAccumulate: baseline " + baseline[0] + " nodes / " + baseline[1]
                + " edges; live nodes at the end of each batch " + java.util.Arrays.toString(peak)
                + ", after its GC " + java.util.Arrays.toString(afterBatch));
        assertTrue(afterBatch[batches - 1] <= afterBatch[0] + slack,
                "graph grows across batches: " + java.util.Arrays.toString(afterBatch));
        assertEquals(List.of(), LockHooks.heldByCurrentThread());
    }

    /**
     * A long-lived lock held while short-lived ones are taken (a pool's global lock): its edges are found through
     * its index (taking a known edge again adds nothing), and the edges to collected locks, with their stacks, do not
     * stay with it.
     */
    @Test
    void aLongLivedLockKeepsNoEdgesToCollectedLocks() throws Exception {
        Object hub = new Object();
        int perBatch = 10_000;
        int[] kept = new int[3];
        for (int b = 0; b < kept.length; b++) {
            int nodesBefore = LockHooks.liveLockCount();
            List<Object> alive = new ArrayList<>(perBatch);
            for (int i = 0; i < perBatch; i++) {
                Object inner = new Object();
                sync(hub, () -> sync(inner, () -> { }));
                alive.add(inner);
            }
            int withBatch = keptEdges(hub);
            assertTrue(withBatch >= perBatch && withBatch <= perBatch + 16, "batch " + b + ": " + withBatch
                    + " edges kept");
            for (int i = 0; i < perBatch; i += 97) {
                Object known = alive.get(i);
                sync(hub, () -> sync(known, () -> { }));
            }
            assertEquals(withBatch, keptEdges(hub), "a known edge was added again");
            alive = null;
            settledCounts(nodesBefore + 16, Integer.MAX_VALUE);
            Object next = new Object();
            sync(hub, () -> sync(next, () -> { })); // the next new edge of the hub drops the dead ones
            kept[b] = keptEdges(hub);
            assertTrue(kept[b] <= 16, "batch " + b + ": the hub kept " + kept[b] + " edges to collected locks");
        }
        assertEquals(List.of(), LockHooks.heldByCurrentThread());
    }

    /** The edges the node of {@code lock} keeps (to live locks, or to collected ones not yet dropped). */
    private static int keptEdges(Object lock) {
        LockNode n = LockGraph.find(lock);
        return n == null ? 0 : n.out.count;
    }

    /** GCs until live nodes/edges are at most the given bounds (or 20 s passed); returns {nodes, edges}. */
    private static int[] settledCounts(int maxNodes, int maxEdges) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        int nodes;
        int edges;
        int round = 0;
        do {
            System.gc();
            Thread.sleep(round++ < 3 ? 5 : 50);
            nodes = LockHooks.liveLockCount();
            edges = LockHooks.liveEdgeCount();
        } while ((nodes > maxNodes || edges > maxEdges || round < 2) && System.currentTimeMillis() < deadline);
        return new int[] {nodes, edges};
    }

    /** What the instrumentation does for a synchronized block. */
    private static void sync(Object m, Runnable body) {
        LockHooks.monitorEnter(m);
        synchronized (m) {
            body.run();
            LockHooks.monitorExit(m);
        }
    }

    @Test
    void monitorReleasedWithoutHookIsPrunedOnTheSlowPath() {
        Object a = new Object();
        LockHooks.monitorEnter(a);
        synchronized (a) {
            assertEquals(1, LockHooks.heldByCurrentThread().size());
        } // no monitorExit: like an exceptional exit, which is not hooked
        assertEquals(List.of(), LockHooks.heldByCurrentThread());
    }

    @Test
    void segmentsOrderStartAndJoin() {
        Segment main0 = new Segment(1);
        Segment child = new Segment(2, main0);
        Segment main1 = new Segment(1, main0);
        Segment afterJoin = new Segment(1, main1, child);
        Segment other = new Segment(3);
        assertTrue(Segment.ordered(main0, child));
        assertFalse(Segment.ordered(main1, child), "siblings run concurrently");
        assertTrue(Segment.ordered(child, afterJoin));
        assertFalse(Segment.ordered(other, child));
    }

    @Test
    void cycleBetweenTwoThreadsIsFoundInProcess() throws Exception {
        Object x = new Object();
        Object y = new Object();
        int before = LockHooks.findingCount();
        Thread t1 = new Thread(() -> sync(x, () -> sync(y, () -> { })), "in-process-1");
        t1.start();
        t1.join();
        Thread t2 = new Thread(() -> sync(y, () -> sync(x, () -> { })), "in-process-2");
        t2.start();
        t2.join();
        // t1 and t2 were not started through the start hook: no happens-before is known, so this is a cycle
        assertEquals(before + 1, LockHooks.findingCount());
        Finding f = LockHooks.findings().get(before);
        assertEquals(Finding.Kind.LOCK_ORDER_CYCLE, f.kind);
        assertEquals(2, f.edges.size());
        assertTrue(f.summary().contains("in-process-1") && f.summary().contains("in-process-2"), f.summary());
    }

    @Test
    void stackOfAnEdgeWhoseLocksSurviveACollectionIsCompactedToTheSameFrames() throws Exception {
        Object x = new Object();
        Object y = new Object();
        sync(x, () -> sync(y, () -> { }));
        Occurrence o = LockGraph.find(x).edgeTo(LockGraph.find(y)).occurrences[0];
        StackTraceElement[] raw;
        LockGraph.MUTEX.lock();
        try {
            assertFalse(o.isCompact(), "captured as a Throwable");
            raw = o.stack();
        } finally {
            LockGraph.MUTEX.unlock();
        }
        assertTrue(raw.length > 2, java.util.Arrays.toString(raw));
        for (StackTraceElement f : raw) { // this test lives in the runtime's package: its frames count as the agent's
            assertFalse(StackFrames.isAgentFrame(f.getClassName()), "agent frame kept: " + f);
        }
        long deadline = System.currentTimeMillis() + 20_000;
        boolean collected;
        do {
            System.gc();
            collected = GcEpochs.poll();
        } while (!collected && System.currentTimeMillis() < deadline);
        assertTrue(collected, "no collection seen");
        LockGraph.compactSurvivingStacks(GcEpochs.current());
        LockGraph.MUTEX.lock();
        try {
            assertTrue(o.isCompact(), "both locks are alive: compacted after the collection");
            assertEquals(java.util.Arrays.asList(raw), java.util.Arrays.asList(o.stack()));
        } finally {
            LockGraph.MUTEX.unlock();
        }
        assertTrue(x.hashCode() != 0 && y.hashCode() != 0); // keep both alive until here
    }
}
