package io.github.gridlock.agent.runtime;

/**
 * The fast way from the current thread to its {@link ThreadState}: a fixed table indexed by thread id, checked by
 * identity, in front of the ThreadLocal that owns the states. A hit is three dependent loads (thread, slot, owner)
 * and inlines into a few instructions, where ThreadLocal.get walks the thread's map (six loads and two out-of-line
 * fallbacks at every call site). A thread whose slot is taken by another live thread keeps using the ThreadLocal.
 *
 * <p>The table pins the state (and so the thread object and the last lock of each nesting depth) of a thread that
 * ended until its slot is reused or swept: {@link #sweep} clears slots of dead threads; the reporter thread calls it
 * periodically and the graph calls it when it counts live locks.
 */
final class ThreadTable {
    private static final int SIZE = 1 << 12;
    private static final ThreadState[] TABLE = new ThreadState[SIZE];

    private ThreadTable() {
    }

    @SuppressWarnings("deprecation")
    static ThreadState get() {
        Thread t = Thread.currentThread();
        ThreadState ts = TABLE[(int) t.getId() & (SIZE - 1)];
        if (ts != null && ts.owner == t) {
            return ts;
        }
        return miss(t);
    }

    /** Out of line: the ThreadLocal, and a claim of the slot if it is free or its thread has ended. */
    @SuppressWarnings("deprecation")
    private static ThreadState miss(Thread t) {
        ThreadState ts = LockHooks.stateFromThreadLocal();
        if (ts != null) {
            int i = (int) t.getId() & (SIZE - 1);
            ThreadState old = TABLE[i];
            if (old == null || !old.owner.isAlive()) {
                TABLE[i] = ts; // a racing claim may win instead: the loser keeps using the ThreadLocal
            }
        }
        return ts;
    }

    /** Drops the states of threads that have ended. */
    static void sweep() {
        for (int i = 0; i < SIZE; i++) {
            ThreadState ts = TABLE[i];
            if (ts != null && !ts.owner.isAlive()) {
                TABLE[i] = null;
            }
        }
    }
}
