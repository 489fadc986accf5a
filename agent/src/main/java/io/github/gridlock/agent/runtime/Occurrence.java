package io.github.gridlock.agent.runtime;

/**
 * One thread/segment in which an edge was taken, with where its first such acquisition happened. The stack is kept
 * as ids of distinct frames ({@link StackFrames}) and turned into StackTraceElements only when reported.
 */
final class Occurrence {
    final long threadId;
    final String threadName;
    final boolean virtual;
    final Segment segment;
    final boolean timed;
    private final int[] frames;

    Occurrence(long threadId, String threadName, boolean virtual, Segment segment, int[] frames, boolean timed) {
        this.threadId = threadId;
        this.threadName = threadName;
        this.virtual = virtual;
        this.segment = segment;
        this.frames = frames;
        this.timed = timed;
    }

    /** Caller holds the graph lock. */
    StackTraceElement[] stack() {
        return StackFrames.elements(frames);
    }
}
