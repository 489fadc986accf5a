package io.github.gridlock.agent.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * The agent's periodic housekeeping, on a daemon thread of its own (so that a reporter blocked on a stream the
 * program holds never stops it): clears the thread table's slots of ended threads, and after each garbage collection
 * compacts the stacks of edges whose locks survived it.
 */
final class Housekeeper implements Runnable {
    private static final long PERIOD_NANOS = 50_000_000L;
    private static Thread thread;

    private Housekeeper() {
    }

    static synchronized void ensureStarted() {
        if (thread == null) {
            Thread t = new Thread(new Housekeeper(), "gridlock-housekeeper");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    @Override
    public void run() {
        LockHooks.markAgentThread();
        while (true) {
            try {
                ThreadTable.sweep();
                int before = GcEpochs.current();
                if (GcEpochs.poll()) {
                    LockGraph.compactSurvivingStacks(before + 1);
                }
            } catch (Throwable t) {
                AgentErrors.record(AgentErrors.Place.HOUSEKEEPING, t);
            }
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }
}
