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
}
