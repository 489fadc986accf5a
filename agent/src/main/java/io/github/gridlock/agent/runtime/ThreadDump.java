package io.github.gridlock.agent.runtime;

import java.util.Collections;
import java.util.List;

/** A thread of a DEADLOCK finding. */
public final class ThreadDump {
    public final String name;
    public final long id;
    public final String state;
    public final boolean deadlocked;
    /** The lock the thread waits for, or null. */
    public final String waitingFor;
    public final String lockOwner;
    public final List<StackTraceElement> stack;
    /** Monitors and ownable synchronizers the thread holds. */
    public final List<String> held;

    ThreadDump(String name, long id, String state, boolean deadlocked, String waitingFor, String lockOwner,
            StackTraceElement[] stack, List<String> held) {
        this.name = name;
        this.id = id;
        this.state = state;
        this.deadlocked = deadlocked;
        this.waitingFor = waitingFor;
        this.lockOwner = lockOwner;
        this.stack = Collections.unmodifiableList(java.util.Arrays.asList(stack));
        this.held = Collections.unmodifiableList(held);
    }
}
