package io.github.gridlock.cli.agentlink;

import java.util.List;

/** One edge of a run-time cycle: a thread took {@code to} while holding {@code from}, at these frames. */
public final class RuntimeEdge {
    private final String from;
    private final String to;
    private final String thread;
    private final List<Frame> frames;

    RuntimeEdge(String from, String to, String thread, List<Frame> frames) {
        this.from = from;
        this.to = to;
        this.thread = thread;
        this.frames = List.copyOf(frames);
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public String thread() {
        return thread;
    }

    /** Innermost first; the agent keeps at most 24. */
    public List<Frame> frames() {
        return frames;
    }

    /** The innermost frame outside the JDK: where the program asked for the lock (or called what took it). */
    public Frame site() {
        for (Frame f : frames) {
            if (!f.isJdk()) {
                return f;
            }
        }
        return frames.isEmpty() ? null : frames.get(0);
    }

    /** True if some frame is at this class and line (the acquisition itself, or a call on its way). */
    boolean passes(String className, int line) {
        for (Frame f : frames) {
            if (f.line() == line && f.className().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
