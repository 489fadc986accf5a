package io.github.gridlock.agent.runtime;

import java.lang.reflect.Method;

/** Per-thread held-lock stack and happens-before segment. Only its own thread touches the stack. */
final class ThreadState {
    private static final Method IS_VIRTUAL = isVirtualMethod();

    /** The thread this is the state of (for the lookup table, see {@link ThreadTable}). */
    final Thread owner;
    final long threadId;
    /** Whether the thread is virtual: 0 not yet known, 1 no, 2 yes. Found out on the slow path (reflection). */
    private byte virtual;
    /** Re-entry guard: set while the hooks do their own work. */
    boolean busy;
    /** Segment and test, read by other threads (joiners, the watchdog) through a holder that does not pin this. */
    final Shared shared;

    /**
     * The held stack: slots[0..size) are held, innermost last. One object per nesting depth, reused, so that the fast
     * paths below touch one array element and a few fields (one range check) instead of one array per field.
     */
    Slot[] slots = newSlots(new Slot[0], 8);
    int size;

    /**
     * One nesting depth. {@code lock}/{@code node}/{@code count}/{@code mode} describe the held lock while the slot is
     * below {@code size}; above it they keep the last lock released at that depth (never cleared on a LIFO release,
     * so re-entering the same lock at the same depth writes no reference: no GC write barrier on the fast path).
     *
     * <p>Acquisition cache: {@code cacheLock} was acquired at this depth, on top of the locks held below it now,
     * and every edge check passed. Hitting it skips the reentrancy scan and all edge checks. It stays valid as long
     * as the held prefix below it is the one it was filled under: every push at a depth (anything but a cache hit)
     * and every out-of-order release clear the cache of every slot above, and a change of happens-before segment
     * clears all. While {@code cacheLock} is set it is also {@code lock}. It keeps at most one lock per depth
     * strongly reachable until that depth is used again or the thread's state goes.
     */
    static final class Slot {
        Object lock;
        LockNode node;
        int count;
        byte mode;
        Object cacheLock;
    }

    private static Slot[] newSlots(Slot[] old, int n) {
        Slot[] r = java.util.Arrays.copyOf(old, n);
        for (int i = old.length; i < n; i++) {
            r[i] = new Slot();
        }
        return r;
    }

    @SuppressWarnings("deprecation")
    ThreadState(Thread thread, Segment segment, String test) {
        this.owner = thread;
        this.threadId = thread.getId();
        this.shared = new Shared(threadId, segment, test);
    }

    int indexOf(Object lock) {
        Slot[] ss = slots;
        for (int i = size - 1; i >= 0; i--) {
            if (ss[i].lock == lock) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Fast path of a blocking acquisition: if {@code lock} at depth {@code size} on the current held prefix was
     * fully checked before, pushes it and returns true. Also true (and nothing recorded) while the hooks are busy.
     * Small enough to be inlined into every instrumented method; everything else is in LockHooks' slow path.
     */
    boolean enterCached(Object lock, byte mode) {
        int k = size;
        Slot[] ss = slots;
        if (k < ss.length) {
            Slot s = ss[k];
            if (s.cacheLock == lock) {
                if (!busy) {
                    s.count = 1;
                    s.mode = mode;
                    size = k + 1;
                }
                return true;
            }
        }
        return false;
    }

    /** Fast path of a release: the innermost held lock, the usual LIFO order. False if not that case. */
    boolean exitTop(Object lock) {
        int t = size - 1;
        if (t >= 0) {
            Slot s = slots[t];
            if (s.lock == lock && !busy) {
                if (--s.count == 0) {
                    size = t;
                }
                return true;
            }
        }
        return false;
    }

    /** Push after a full check; {@code verified} fills the cache slot for this depth. */
    void push(Object lock, LockNode node, byte mode, int count, boolean verified) {
        if (size == slots.length) {
            slots = newSlots(slots, size * 2);
        }
        Slot s = slots[size];
        s.lock = lock;
        s.node = node;
        s.count = count;
        s.mode = mode;
        s.cacheLock = verified ? lock : null;
        size++;
        clearCacheFrom(size); // the prefix under every deeper slot has changed
    }

    private void clearCacheFrom(int depth) {
        Slot[] ss = slots;
        for (int d = depth; d < ss.length; d++) {
            ss[d].cacheLock = null;
        }
    }

    /** Forget every cached check (the thread's happens-before segment changed). */
    void invalidateCache() {
        clearCacheFrom(0);
    }

    /** Out-of-order release: the slots above i move down, so their prefixes change. */
    void removeAt(int i) {
        Slot[] ss = slots;
        Slot removed = ss[i];
        System.arraycopy(ss, i + 1, ss, i, size - i - 1);
        size--;
        ss[size] = removed;
        removed.lock = null;
        removed.node = null;
        clearCacheFrom(i);
    }

    /** Only the owning thread writes; a joiner reads after join(), the watchdog at any time. */
    static final class Shared {
        final long threadId;
        /** Current happens-before segment. */
        volatile Segment current;
        /** The test this thread works for (see {@link TestContext}), or null. */
        volatile String test;
        /**
         * The thread wait this thread is in now (the Thread joined, the ExecutorService, Future or CountDownLatch
         * awaited), for the watchdog's waits-for graph; null when in none. Written last by {@link Waits#begin}, so
         * that a reader who sees it also sees {@link #waitKind}, {@link #waitTimeoutNanos} and {@link #waitSeq}.
         */
        volatile Object waitTarget;
        byte waitKind;
        /** The wait's timeout, or -1 for none. */
        long waitTimeoutNanos;
        /** Counts this thread's waits: the watchdog checks that a wait it saw is still the same one. */
        int waitSeq;
        /** The CompletableFuture task this thread runs now ({@link AsyncTask}), or null. */
        volatile AsyncTask runningTask;

        Shared(long threadId, Segment s, String test) {
            this.threadId = threadId;
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
