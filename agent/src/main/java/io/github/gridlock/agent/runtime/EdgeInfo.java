package io.github.gridlock.agent.runtime;

import java.util.Collections;
import java.util.List;

/** One edge of a reported cycle: {@code threadName} acquired {@code to} while holding {@code from}. */
public final class EdgeInfo {
    public final String from;
    public final String to;
    public final String threadName;
    public final long threadId;
    public final boolean virtualThread;
    public final boolean timed;
    /** Stack of the acquisition of {@code to}, agent frames removed. */
    public final List<StackTraceElement> stack;

    EdgeInfo(String from, String to, String threadName, long threadId, boolean virtualThread, boolean timed,
            StackTraceElement[] stack) {
        this.from = from;
        this.to = to;
        this.threadName = threadName;
        this.threadId = threadId;
        this.virtualThread = virtualThread;
        this.timed = timed;
        this.stack = Collections.unmodifiableList(java.util.Arrays.asList(stack));
    }
}
