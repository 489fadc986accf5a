package io.github.gridlock.agent.runtime;

/** "Some thread acquired {@code to} while holding {@code from}". Mutable fields change under the graph lock. */
final class LockEdge {
    static final int MAX_OCCURRENCES = 16;
    static final LockNode[] NO_GATES = new LockNode[0];

    final LockNode from;
    final LockNode to;
    final int id;
    /** Distinct (thread, segment) pairs that took the edge, copy-on-write. */
    volatile Occurrence[] occurrences;
    /** More than {@link #MAX_OCCURRENCES}: treated as taken by any thread, concurrently with anything. */
    volatile boolean saturated;
    /** Locks held, besides {@code from}, on every occurrence (intersection). */
    volatile LockNode[] gates;
    /** Every acquisition of {@code to} along this edge was a timed tryLock. */
    volatile boolean timedOnly;
    /** {@code from} was held only in read mode / {@code to} requested only in read mode (read-write locks). */
    volatile boolean fromReadOnly;
    volatile boolean toReadOnly;
    /** With onCycle=fail: the edge closes a cycle, so the fast path must not accept it. */
    volatile boolean violating;

    LockEdge(LockNode from, LockNode to, int id, Occurrence first, LockNode[] gates, boolean fromRead,
            boolean toRead) {
        this.from = from;
        this.to = to;
        this.id = id;
        this.occurrences = new Occurrence[] {first};
        this.gates = gates;
        this.timedOnly = first.timed;
        this.fromReadOnly = fromRead;
        this.toReadOnly = toRead;
    }
}
