package io.github.gridlock.agent.runtime;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands findings from application threads (which must never block on I/O) to listeners, on a daemon thread.
 */
final class Reporter implements Runnable {
    private static final ConcurrentLinkedQueue<Finding> QUEUE = new ConcurrentLinkedQueue<>();
    private static final CopyOnWriteArrayList<FindingListener> LISTENERS = new CopyOnWriteArrayList<>();
    private static volatile Thread thread;

    private Reporter() {
    }

    static void addListener(FindingListener l) {
        LISTENERS.add(l);
        ensureStarted();
    }

    static void removeListener(FindingListener l) {
        LISTENERS.remove(l);
    }

    static void publish(Finding f) {
        QUEUE.add(f);
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Started by the agent whether or not anything listens: it also sweeps {@link ThreadTable}. */
    static synchronized void ensureStarted() {
        if (thread == null) {
            Thread t = new Thread(new Reporter(), "gridlock-reporter");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /** Delivers everything queued so far on the calling thread (used by the exit hook). */
    static synchronized void flush() {
        Finding f;
        while ((f = QUEUE.poll()) != null) {
            for (FindingListener l : LISTENERS) {
                try {
                    l.onFinding(f);
                } catch (Throwable ignored) {
                    // a listener must not take the reporter down
                }
            }
        }
    }

    @Override
    public void run() {
        LockHooks.markAgentThread();
        while (true) {
            flush();
            ThreadTable.sweep();
            int before = GcEpochs.current();
            if (GcEpochs.poll()) {
                LockGraph.compactSurvivingStacks(before + 1);
            }
            LockSupport.parkNanos(50_000_000L);
        }
    }
}
