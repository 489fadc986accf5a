package io.github.gridlock.agent.programs;

/** MutexOrder's cycle, printing nothing: every lock and edge the agent counts is the program's own two. */
public final class SilentCycle {
    public static void main(String[] args) throws Exception {
        Schedules.oneAfterTheOther("silent-1", MutexOrder::func1, "silent-2", MutexOrder::func2);
    }
}
