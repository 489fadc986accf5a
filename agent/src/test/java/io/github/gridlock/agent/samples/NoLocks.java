package io.github.gridlock.agent.samples;

/** Nothing to instrument. */
public final class NoLocks {
    public int add(int a, int b) {
        return a + b;
    }
}
