package io.github.gridlock.agent.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lock instance in the lock-order graph. The graph refers to the lock only weakly (see {@link NodeTable}); when
 * the lock is collected the node is marked dead and drops out of cycle searches. A ReentrantReadWriteLock is one
 * node: both halves and the lock object itself map to it.
 */
final class LockNode {
    final int id;
    /** "Lock class": the field it was stored in ({@code Account.lock}), else its class ({@code Account}). */
    volatile String label;
    /** label comes from a field store (guarded by the graph lock). */
    boolean named;
    final boolean readWrite;
    /** For a ReentrantReadWriteLock: its write half has been acquired at least once. */
    volatile boolean writerSeen;
    /** Outgoing edges, read without locking (see {@link Out}); changed under the graph lock only. */
    volatile Out out = Out.EMPTY;
    /**
     * Target to edge, once the node has more than {@link #INDEX_AT} outgoing edges (a long-lived lock held while
     * many short-lived ones are taken), so that a lookup does not scan them all; else null. Changed under the graph
     * lock only; a reader that misses an edge here takes the slow path, which looks again under the lock.
     */
    private volatile Map<LockNode, LockEdge> index;
    /** {@link NodeTable#deaths()} when this node's edges were last compacted (graph lock). */
    private long deathsAtCompaction;
    volatile boolean dead;

    private static final int INDEX_AT = 8;

    LockNode(int id, String label, boolean readWrite) {
        this.id = id;
        this.label = label;
        this.readWrite = readWrite;
    }

    /**
     * The first {@code count} slots of {@code edges} are the node's outgoing edges, in insertion order. A holder is
     * never changed; adding an edge writes the slot after {@code count} (which no older holder reads) and publishes
     * a new holder, so a reader sees every slot of its holder fully written. Appending is amortised O(1): when the
     * array is full it is compacted (edges to dead nodes dropped) into one twice the size of what is left; after each
     * garbage collection the housekeeper compacts every node that has edges to dead ones ({@link #pruneDead}).
     */
    static final class Out {
        static final Out EMPTY = new Out(new LockEdge[0], 0);
        final LockEdge[] edges;
        final int count;

        Out(LockEdge[] edges, int count) {
            this.edges = edges;
            this.count = count;
        }
    }

    LockEdge edgeTo(LockNode to) {
        Map<LockNode, LockEdge> map = index;
        if (map != null) {
            return map.get(to);
        }
        Out o = out;
        for (int i = 0; i < o.count; i++) {
            LockEdge e = o.edges[i];
            if (e.to == to) {
                return e;
            }
        }
        return null;
    }

    /**
     * Caller holds the graph lock; {@code e} starts at this node and is not yet among its edges. {@code deaths}
     * counts the nodes ever marked dead: once half as many have died since this node was last compacted as it has
     * edges, many of them may be to dead nodes, and it is compacted (two deaths pay for each edge copied), so that
     * a long-lived lock does not keep the edges, stacks and nodes of collected locks until its array fills up.
     */
    void add(LockEdge e, long deaths) {
        Out o = out;
        if (o.count == o.edges.length || o.count > INDEX_AT && 2 * (deaths - deathsAtCompaction) >= o.count) {
            o = compacted(o);
            deathsAtCompaction = deaths;
        }
        LockEdge[] edges = o.edges;
        int count = o.count;
        edges[count] = e;
        Map<LockNode, LockEdge> map = index;
        if (map != null) {
            map.put(e.to, e);
        } else if (count + 1 > INDEX_AT) {
            reindex(edges, count + 1);
        }
        out = new Out(edges, count + 1);
    }

    /**
     * Caller holds the graph lock, after a garbage collection (the housekeeper): drops the edges to locks that were
     * collected, so that they, their stacks and the dead nodes go now, not when the array next fills up.
     */
    void pruneDead() {
        Out o = out;
        for (int i = 0; i < o.count; i++) {
            if (o.edges[i].to.dead) {
                out = compacted(o);
                return;
            }
        }
    }

    /** The live edges of {@code o} in an array twice their number (at least 4), indexed; not yet published. */
    private Out compacted(Out o) {
        int live = 0;
        for (int i = 0; i < o.count; i++) {
            live += o.edges[i].to.dead ? 0 : 1;
        }
        LockEdge[] next = new LockEdge[Math.max(4, live * 2)];
        int j = 0;
        for (int i = 0; i < o.count; i++) {
            if (!o.edges[i].to.dead) {
                next[j++] = o.edges[i];
            }
        }
        reindex(next, j);
        return new Out(next, j);
    }

    private void reindex(LockEdge[] edges, int count) {
        if (count <= INDEX_AT) {
            index = null;
            return;
        }
        Map<LockNode, LockEdge> map = new ConcurrentHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            map.put(edges[i].to, edges[i]);
        }
        index = map;
    }
}
