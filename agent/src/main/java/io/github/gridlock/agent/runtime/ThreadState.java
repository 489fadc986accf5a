package io.github.gridlock.agent.runtime;

import java.lang.reflect.Method;

/** Per-thread held-lock stack and happens-before segment. Only its own thread touches the stack. */
final class ThreadState {
    private static final Method IS_VIRTUAL = isVirtualMethod();

    final long threadId;
    /** Whether the thread is virtual: 0 not yet known, 1 no, 2 yes. Found out on the slow path (reflection). */
    private byte virtual;
    /** Re-entry guard: set while the hooks do their own work. */
    boolean busy;
    /** Segment and test, read by other threads (joiners, the watchdog) through a holder that does not pin this. */
    final Shared shared;

    Object[] locks = new Object[8];
    LockNode[] nodes = new LockNode[8];
    int[] counts = new int[8];
    byte[] modes = new byte[8];
    int size;

    /*
     * Acquisition cache, one slot per nesting depth: cacheLock[d] was acquired at depth d, on top of the held
     * prefix identified by cacheParent[d], and every edge check passed. stamp[d] identifies the prefix 0..d of
     * the current stack; it changes whenever that prefix may differ from the one the cache was filled under.
     * Hitting the cache skips the reentrancy scan and all edge checks. It keeps at most one lock per depth
     * strongly reachable until that depth is used again or the thread ends.
     *
     * locks[d] and nodes[d] are not cleared on a LIFO release either: re-entering the same lock at the same
     * depth then stores no reference at all (no GC write barrier on the fast path). Entries at and above size
     * are garbage to every reader; they pin at most one more lock (and its node) per depth, like the cache.
     */
    Object[] cacheLock = new Object[8];
    long[] cacheParent = new long[8];
    long[] stamp = new long[8];
    private long nextStamp;

    @SuppressWarnings("deprecation")
    ThreadState(Thread thread, Segment segment, String test) {
        this.threadId = thread.getId();
        this.shared = new Shared(segment, test);
    }

    int indexOf(Object lock) {
        for (int i = size - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                return i;
            }
        }
        return -1;
    }

    long parentStamp(int depth) {
        return depth == 0 ? 0L : stamp[depth - 1];
    }

    /**
     * Fast path of a blocking acquisition: if {@code lock} at depth {@code size} on the current held prefix was
     * fully checked before, pushes it and returns true. Also true (and nothing recorded) while the hooks are busy.
     * Small enough to be inlined into every instrumented method; everything else is in LockHooks' slow path.
     */
    boolean enterCached(Object lock, byte mode) {
        int k = size;
        Object[] cl = cacheLock;
        if (k < cl.length && cl[k] == lock && cacheParent[k] == (k == 0 ? 0L : stamp[k - 1])) {
            if (busy) {
                return true;
            }
            Object[] l = locks;
            if (l[k] != lock) { // usually equal: the entry of the last release at this depth is still there
                l[k] = lock;
                nodes[k] = null;
            }
            counts[k] = 1;
            modes[k] = mode;
            size = k + 1;
            return true;
        }
        return false;
    }

    /** Fast path of a release: the innermost held lock, the usual LIFO order. False if not that case. */
    boolean exitTop(Object lock) {
        int top = size - 1;
        if (top >= 0 && locks[top] == lock && !busy) {
            if (--counts[top] == 0) {
                size = top; // locks[top] / nodes[top] stay: see above
            }
            return true;
        }
        return false;
    }

    /** Push after a full check; {@code verified} fills the cache slot for this depth. */
    void push(Object lock, LockNode node, byte mode, int count, boolean verified) {
        if (size == locks.length) {
            int n = size * 2;
            locks = java.util.Arrays.copyOf(locks, n);
            nodes = java.util.Arrays.copyOf(nodes, n);
            counts = java.util.Arrays.copyOf(counts, n);
            modes = java.util.Arrays.copyOf(modes, n);
            cacheLock = java.util.Arrays.copyOf(cacheLock, n);
            cacheParent = java.util.Arrays.copyOf(cacheParent, n);
            stamp = java.util.Arrays.copyOf(stamp, n);
        }
        int k = size;
        locks[k] = lock;
        nodes[k] = node;
        counts[k] = count;
        modes[k] = mode;
        cacheLock[k] = verified ? lock : null;
        cacheParent[k] = parentStamp(k);
        stamp[k] = ++nextStamp;
        size = k + 1;
    }

    /** Forget every cached check (the thread's happens-before segment changed). */
    void invalidateCache() {
        java.util.Arrays.fill(cacheLock, null);
    }

    void removeAt(int i) {
        int tail = size - i - 1;
        if (tail > 0) {
            // out-of-order release: the entries above i move down and their prefixes change
            System.arraycopy(locks, i + 1, locks, i, tail);
            System.arraycopy(nodes, i + 1, nodes, i, tail);
            System.arraycopy(counts, i + 1, counts, i, tail);
            System.arraycopy(modes, i + 1, modes, i, tail);
            for (int d = i; d < size; d++) {
                stamp[d] = ++nextStamp;
                cacheLock[d] = null;
            }
        }
        size--;
        locks[size] = null;
        nodes[size] = null;
    }

    /** Only the owning thread writes; a joiner reads after join(), the watchdog at any time. */
    static final class Shared {
        /** Current happens-before segment. */
        volatile Segment current;
        /** The test this thread works for (see {@link TestContext}), or null. */
        volatile String test;

        Shared(Segment s, String test) {
            this.current = s;
            this.test = test;
        }
    }

    /** Only on the slow path (busy), where the reflection it may need cannot re-enter the hooks. */
    boolean isVirtual() {
        if (virtual == 0) {
            virtual = isVirtual(Thread.currentThread()) ? (byte) 2 : (byte) 1;
        }
        return virtual == 2;
    }

    private static Method isVirtualMethod() {
        try {
            return Thread.class.getMethod("isVirtual");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (Boolean) IS_VIRTUAL.invoke(t);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
