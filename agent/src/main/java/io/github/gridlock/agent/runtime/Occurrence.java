package io.github.gridlock.agent.runtime;

/**
 * One thread/segment in which an edge was taken, with where its first such acquisition happened. The stack is first
 * kept as the Throwable that captured it (cheap to take); once a garbage collection has passed and both locks of the
 * edge are still alive, the reporter thread turns it into ids of distinct frames ({@link StackFrames}), which keep 4
 * bytes per frame alive instead of a backtrace. Edges of short-lived locks never pay for that walk.
 */
final class Occurrence {
    final long threadId;
    final String threadName;
    final boolean virtual;
    final Segment segment;
    final boolean timed;
    /** A Throwable (as captured) or an int[] of frame ids (compacted). Guarded by the graph lock. */
    private Object frames;
    /** The GC epoch at capture ({@link GcEpochs}). */
    private final int epoch;

    Occurrence(long threadId, String threadName, boolean virtual, Segment segment, Throwable stack, boolean timed) {
        this.threadId = threadId;
        this.threadName = threadName;
        this.virtual = virtual;
        this.segment = segment;
        this.frames = stack;
        this.timed = timed;
        this.epoch = GcEpochs.current();
    }

    /** Caller holds the graph lock. */
    StackTraceElement[] stack() {
        return StackFrames.elements(frames);
    }

    /** Caller holds the graph lock. Compacts a stack captured before the given epoch. */
    void compactIfOlderThan(int beforeEpoch) {
        if (frames instanceof Throwable && epoch < beforeEpoch) {
            frames = StackFrames.compact((Throwable) frames);
        }
    }

    /** Caller holds the graph lock (tests). */
    boolean isCompact() {
        return frames instanceof int[];
    }
}
