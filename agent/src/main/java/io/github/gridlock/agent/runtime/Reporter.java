package io.github.gridlock.agent.runtime;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands findings and the agent's messages from application threads (which must never block on I/O) to listeners, on
 * a daemon thread. Printing may block (the program can hold the stream's monitor): the reporter does nothing else, so
 * the agent's housekeeping ({@link Housekeeper}) never waits for it.
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
        wake();
    }

    /** Something is queued (a finding or a message): deliver it soon. */
    static void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Started by the agent whether or not anything listens. */
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
        for (String m : AgentErrors.drainMessages()) {
            for (FindingListener l : LISTENERS) {
                try {
                    l.onMessage(m);
                } catch (Throwable t) {
                    AgentErrors.record(AgentErrors.Place.REPORTER, t);
                }
            }
        }
        Finding f;
        while ((f = QUEUE.poll()) != null) {
            for (FindingListener l : LISTENERS) {
                try {
                    l.onFinding(f);
                } catch (Throwable t) {
                    AgentErrors.record(AgentErrors.Place.REPORTER, t);
                }
            }
        }
    }

    @Override
    public void run() {
        LockHooks.markAgentThread();
        while (true) {
            flush();
            LockSupport.parkNanos(50_000_000L);
        }
    }
}
