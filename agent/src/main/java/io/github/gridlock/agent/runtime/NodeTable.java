package io.github.gridlock.agent.runtime;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Weak identity map from lock objects to nodes. {@link #find} takes no lock and allocates nothing; it may miss an
 * entry while a writer is rehashing, in which case the caller falls back to {@link #findOrAdd} under the graph
 * lock, which is authoritative. All writes happen under the graph lock.
 */
final class NodeTable {
    static final class Entry extends WeakReference<Object> {
        final int hash;
        final LockNode node;
        final boolean primary;
        Entry next;

        Entry(Object key, ReferenceQueue<Object> q, LockNode node, boolean primary) {
            super(key, q);
            this.hash = System.identityHashCode(key);
            this.node = node;
            this.primary = primary;
        }
    }

    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private volatile Entry[] table = new Entry[256];
    private int size;
    private int liveNodes;
    private long deaths;

    LockNode find(Object key) {
        int h = System.identityHashCode(key);
        Entry[] t = table;
        for (Entry e = t[h & (t.length - 1)]; e != null; e = e.next) {
            if (e.hash == h && e.get() == key) {
                return e.node;
            }
        }
        return null;
    }

    /** Caller holds the graph lock. */
    void add(Object key, LockNode node, boolean primary) {
        expunge();
        Entry[] t = table;
        if (size * 2 >= t.length) {
            t = resize(t);
        }
        Entry e = new Entry(key, queue, node, primary);
        int i = e.hash & (t.length - 1);
        e.next = t[i];
        t[i] = e;
        size++;
        if (primary) {
            liveNodes++;
        }
        table = t; // volatile write publishes the entry
    }

    /** Caller holds the graph lock. Marks the nodes of collected locks dead. */
    void expunge() {
        Reference<?> r;
        while ((r = queue.poll()) != null) {
            Entry dead = (Entry) r;
            Entry[] t = table;
            int i = dead.hash & (t.length - 1);
            Entry prev = null;
            for (Entry e = t[i]; e != null; prev = e, e = e.next) {
                if (e == dead) {
                    if (prev == null) {
                        t[i] = e.next;
                    } else {
                        prev.next = e.next;
                    }
                    size--;
                    if (e.primary) {
                        e.node.dead = true;
                        liveNodes--;
                        deaths++;
                    }
                    break;
                }
            }
        }
    }

    /** Caller holds the graph lock: nodes marked dead so far. */
    long deaths() {
        return deaths;
    }

    int liveNodes() {
        return liveNodes;
    }

    /** Caller holds the graph lock. */
    void forEachLiveNode(java.util.function.Consumer<LockNode> action) {
        for (Entry head : table) {
            for (Entry e = head; e != null; e = e.next) {
                if (e.primary && !e.node.dead) {
                    action.accept(e.node);
                }
            }
        }
    }

    private Entry[] resize(Entry[] old) {
        Entry[] t = new Entry[old.length * 2];
        for (Entry head : old) {
            Entry e = head;
            while (e != null) {
                Entry next = e.next;
                int i = e.hash & (t.length - 1);
                e.next = t[i];
                t[i] = e;
                e = next;
            }
        }
        return t;
    }
}
