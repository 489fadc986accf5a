package io.github.gridlock.agent.runtime;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;

/**
 * A stretch of one thread's execution between two thread start/join events. Segments form a happens-before DAG:
 * the segment of a thread after {@code start()} and the first segment of the started thread both follow the
 * starter's previous segment; after {@code join()} the joiner's new segment follows the joined thread's last one.
 */
final class Segment {
    final long threadId;
    final Segment[] preds;

    Segment(long threadId, Segment... preds) {
        this.threadId = threadId;
        this.preds = preds;
    }

    /** True if {@code a} happens-before {@code b} or the reverse. */
    static boolean ordered(Segment a, Segment b) {
        return a == b || reaches(a, b) || reaches(b, a);
    }

    /** True if {@code ancestor} is reachable from {@code s} through predecessors. */
    private static boolean reaches(Segment ancestor, Segment s) {
        IdentityHashMap<Segment, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Segment> todo = new ArrayDeque<>();
        todo.add(s);
        while (!todo.isEmpty()) {
            Segment cur = todo.poll();
            if (cur == ancestor) {
                return true;
            }
            for (Segment p : cur.preds) {
                if (p != null && seen.put(p, Boolean.TRUE) == null) {
                    todo.add(p);
                }
            }
        }
        return false;
    }
}
