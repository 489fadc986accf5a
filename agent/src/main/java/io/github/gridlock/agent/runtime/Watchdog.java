package io.github.gridlock.agent.runtime;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Backstop for what the hooks cannot see (uninstrumented code, JDK-internal locks): polls
 * {@link ThreadMXBean#findDeadlockedThreads()} and reports each set of deadlocked threads once, with the stack of
 * every live thread; then looks for threads stuck in thread waits on each other ({@link WaitGraph}). Platform threads
 * only: the MXBean does not see virtual threads.
 */
final class Watchdog implements Runnable {
    private static Thread thread;
    private final long periodMillis;

    private Watchdog(long periodMillis) {
        this.periodMillis = periodMillis;
    }

    static synchronized void start(long periodMillis) {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(new Watchdog(periodMillis), "gridlock-watchdog");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void run() {
        LockHooks.markAgentThread();
        ThreadMXBean mx = null;
        while (true) {
            try {
                Thread.sleep(periodMillis);
                if (mx == null) {
                    mx = ManagementFactory.getThreadMXBean();
                }
                if (RuntimeConfig.injectWatchdogFault) {
                    throw new IllegalStateException("fault injected by -D" + RuntimeConfig.INJECT_FAULT_PROPERTY);
                }
                scan(mx);
                WaitGraph.scan(mx);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                AgentErrors.record(AgentErrors.Place.WATCHDOG, t); // and keep watching
            }
        }
    }

    static void scan(ThreadMXBean mx) {
        long[] ids = mx.isSynchronizerUsageSupported() ? mx.findDeadlockedThreads()
                : mx.findMonitorDeadlockedThreads();
        if (ids == null || ids.length == 0) {
            return;
        }
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        boolean sync = mx.isSynchronizerUsageSupported();
        ThreadInfo[] dead = mx.getThreadInfo(sorted, mx.isObjectMonitorUsageSupported(), sync);
        List<ThreadDump> dumps = new ArrayList<>();
        List<String> locks = new ArrayList<>();
        for (ThreadInfo ti : dead) {
            if (ti != null) {
                dumps.add(dump(ti, true, ti.getLockName(), ti.getLockOwnerName()));
                locks.add(String.valueOf(ti.getLockName()));
            }
        }
        for (ThreadInfo ti : mx.dumpAllThreads(mx.isObjectMonitorUsageSupported(), sync)) {
            if (ti != null && Arrays.binarySearch(sorted, ti.getThreadId()) < 0) {
                dumps.add(dump(ti, false, ti.getLockName(), ti.getLockOwnerName()));
            }
        }
        String test = null;
        for (int i = 0; i < sorted.length && test == null; i++) {
            test = LockHooks.testOfThread(sorted[i]);
        }
        LockGraph.reportThreads(Finding.Kind.DEADLOCK, "D" + Arrays.toString(sorted), locks, dumps, false, test);
    }

    /** A thread of a finding: {@code waitingFor} is the lock (or the thread wait) it waits for. */
    static ThreadDump dump(ThreadInfo ti, boolean deadlocked, String waitingFor, String lockOwner) {
        List<String> held = new ArrayList<>();
        MonitorInfo[] monitors = ti.getLockedMonitors();
        if (monitors != null) {
            for (MonitorInfo m : monitors) {
                held.add(m.toString());
            }
        }
        LockInfo[] syncs = ti.getLockedSynchronizers();
        if (syncs != null) {
            for (LockInfo l : syncs) {
                held.add(l.toString());
            }
        }
        return new ThreadDump(ti.getThreadName(), ti.getThreadId(), String.valueOf(ti.getThreadState()),
                deadlocked, waitingFor, lockOwner, withoutHooks(ti), held);
    }

    /**
     * The stack without the frames of the agent's hooks and bridge (a thread in {@code Future.get} shows
     * {@code LockHooks.get} and {@code $Gridlock.get} between the JDK's frames and the program's); the agent's own
     * threads keep theirs.
     */
    private static StackTraceElement[] withoutHooks(ThreadInfo ti) {
        StackTraceElement[] stack = ti.getStackTrace();
        if (ti.getThreadName().startsWith("gridlock-")) {
            return stack;
        }
        List<StackTraceElement> kept = new ArrayList<>(stack.length);
        for (StackTraceElement f : stack) {
            if (!StackFrames.isAgentFrame(f.getClassName())) {
                kept.add(f);
            }
        }
        return kept.size() == stack.length ? stack : kept.toArray(new StackTraceElement[0]);
    }
}
