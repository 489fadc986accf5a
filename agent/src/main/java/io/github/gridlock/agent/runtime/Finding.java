package io.github.gridlock.agent.runtime;

import java.util.Collections;
import java.util.List;

/** A reported problem: a lock-order cycle (concurrent or seen only in sequence) or an actual deadlock. Immutable. */
public final class Finding {
    /** Rule identifiers, also used as SARIF rule ids: permanent public names. */
    public enum Kind {
        /** Locks taken in orders that form a cycle, by edges that can run at the same time. */
        LOCK_ORDER_CYCLE,
        /**
         * The same, but every edge was seen on one thread or in happens-before order (a sequential test): this run
         * could not deadlock, a concurrent caller can.
         */
        SEQUENTIAL_LOCK_ORDER_CYCLE,
        /**
         * Threads deadlocked now (watchdog): on locks, or a thread holding a lock waits without a timeout (join,
         * awaitTermination, Future.get, CompletableFuture.join, a latch) for a thread blocked on that lock.
         */
        DEADLOCK,
        /**
         * The same as a thread-wait DEADLOCK, but one of the waits has a timeout: the threads are stuck until it
         * expires (watchdog).
         */
        STALL;

        public boolean isCycle() {
            return this == LOCK_ORDER_CYCLE || this == SEQUENTIAL_LOCK_ORDER_CYCLE;
        }
    }

    public final Kind kind;
    public final int sequence;
    public final long timeMillis;
    /**
     * Lock classes in cycle order (cycle), or what each deadlocked or stalled thread waits for (a lock, or a thread
     * wait such as {@code Thread.join of thread "worker" (id 21)}).
     */
    public final List<String> locks;
    /** Cycle edges, in cycle order; empty for a deadlock. */
    public final List<EdgeInfo> edges;
    /** Threads: the deadlocked ones first, then every other live thread (deadlock); empty for a cycle. */
    public final List<ThreadDump> threads;
    /**
     * A cycle with an edge taken only by timed tryLock, or a STALL: it can stall until the timeout but not hang
     * forever.
     */
    public final boolean timed;
    /**
     * For {@link Kind#SEQUENTIAL_LOCK_ORDER_CYCLE}: the filter that classified it ({@code singleThreadFilter}: every
     * edge on one thread; {@code hbFilter}: edges ordered by thread start/join); null otherwise.
     */
    public final String filter;
    /**
     * The test to blame (its unique id, as the JUnit extension gave it): the one whose thread, thread it started or
     * task it submitted created the closing edge; else the only test running at the time; else null.
     */
    public final String test;

    Finding(Kind kind, int sequence, List<String> locks, List<EdgeInfo> edges, List<ThreadDump> threads,
            boolean timed, String filter, String test) {
        this.kind = kind;
        this.sequence = sequence;
        this.timeMillis = System.currentTimeMillis();
        this.locks = Collections.unmodifiableList(locks);
        this.edges = Collections.unmodifiableList(edges);
        this.threads = Collections.unmodifiableList(threads);
        this.timed = timed;
        this.filter = filter;
        this.test = test;
    }

    /** One-line summary, e.g. {@code LOCK_ORDER_CYCLE: A.lock -> B.lock -> A.lock (threads t1, t2)}. */
    public String summary() {
        StringBuilder sb = new StringBuilder(kind.name()).append(": ");
        if (kind.isCycle()) {
            for (String l : locks) {
                sb.append(l).append(" -> ");
            }
            sb.append(locks.isEmpty() ? "?" : locks.get(0)).append(" (threads ");
            for (int i = 0; i < edges.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(edges.get(i).threadName);
            }
            sb.append(')');
            if (filter != null) {
                sb.append(" seen only in sequence (").append(filter).append(')');
            }
            if (timed) {
                sb.append(" [timed]");
            }
        } else {
            sb.append("threads ");
            int n = 0;
            for (ThreadDump t : threads) {
                if (t.deadlocked) {
                    sb.append(n++ == 0 ? "" : ", ").append(t.name);
                }
            }
            sb.append(kind == Kind.STALL ? " are stalled until a timeout" : " are deadlocked");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
