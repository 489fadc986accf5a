package io.github.gridlock.agent.runtime;

/** One thread's wait and task as the watchdog read them, before its thread snapshot. */
final class ThreadWaitInfo {
    final Thread thread;
    final long threadId;
    final ThreadState.Shared shared;
    /** The wait's target (see {@link ThreadState.Shared#waitTarget}), or null. */
    final Object target;
    final byte kind;
    final long timeoutNanos;
    final int seq;
    /** The CompletableFuture task the thread runs, or null. */
    final AsyncTask task;

    ThreadWaitInfo(Thread thread, ThreadState.Shared shared, Object target, AsyncTask task) {
        this.thread = thread;
        this.threadId = shared.threadId;
        this.shared = shared;
        this.target = target;
        this.kind = shared.waitKind;
        this.timeoutNanos = shared.waitTimeoutNanos;
        this.seq = shared.waitSeq;
        this.task = task;
    }

    boolean timed() {
        return timeoutNanos >= 0;
    }

    /** Still in the same wait (checked after the snapshot: the thread was in it all along). */
    boolean unchanged() {
        return target != null && shared.waitTarget == target && shared.waitSeq == seq;
    }
}
