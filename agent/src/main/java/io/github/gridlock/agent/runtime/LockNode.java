package io.github.gridlock.agent.runtime;

/**
 * A lock instance in the lock-order graph. The graph refers to the lock only weakly (see {@link NodeTable}); when
 * the lock is collected the node is marked dead and drops out of cycle searches. A ReentrantReadWriteLock is one
 * node: both halves and the lock object itself map to it.
 */
final class LockNode {
    static final LockEdge[] NO_EDGES = new LockEdge[0];

    final int id;
    /** "Lock class": the field it was stored in ({@code Account.lock}), else its class ({@code Account}). */
    volatile String label;
    /** label comes from a field store (guarded by the graph lock). */
    boolean named;
    final boolean readWrite;
    /** For a ReentrantReadWriteLock: its write half has been acquired at least once. */
    volatile boolean writerSeen;
    /** Outgoing edges, copy-on-write, read without locking. */
    volatile LockEdge[] out = NO_EDGES;
    volatile boolean dead;

    LockNode(int id, String label, boolean readWrite) {
        this.id = id;
        this.label = label;
        this.readWrite = readWrite;
    }

    LockEdge edgeTo(LockNode to) {
        LockEdge[] edges = out;
        for (LockEdge e : edges) {
            if (e.to == to) {
                return e;
            }
        }
        return null;
    }
}
