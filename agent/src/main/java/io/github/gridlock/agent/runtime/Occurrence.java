package io.github.gridlock.agent.runtime;

/**
 * One thread/segment in which an edge was taken, with where its first such acquisition happened. The stack is
 * captured as a Throwable (a cheap native backtrace) and turned into StackTraceElements only when reported.
 */
final class Occurrence {
    final long threadId;
    final String threadName;
    final boolean virtual;
    final Segment segment;
    final boolean timed;
    private final Throwable where;
    private StackTraceElement[] stack;

    Occurrence(long threadId, String threadName, boolean virtual, Segment segment, Throwable where, boolean timed) {
        this.threadId = threadId;
        this.threadName = threadName;
        this.virtual = virtual;
        this.segment = segment;
        this.where = where;
        this.timed = timed;
    }

    /** Caller holds the graph lock. */
    StackTraceElement[] stack() {
        if (stack == null) {
            stack = LockHooks.userStack(where.getStackTrace());
        }
        return stack;
    }
}
