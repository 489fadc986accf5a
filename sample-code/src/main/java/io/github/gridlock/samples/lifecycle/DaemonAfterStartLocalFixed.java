package io.github.gridlock.samples.lifecycle;

import java.util.List;

/**
 * Fixed twin of {@link DaemonAfterStartLocal}: the daemon flag is a creation-time property, so every thread is
 * configured completely, then started (seed {@code 003_99f9c6ad6a7e4c6a.txt}: {@code setDaemon(True)} before {@code
 * start()}, then {@code t1.join()} when the main thread must wait for it after all).
 */
public class DaemonAfterStartLocalFixed {

    public void seedOrder() throws InterruptedException {
        Thread t1 = new Thread(() -> DaemonAfterStartLocal.loop(6), "loop-6");
        t1.setDaemon(true);
        t1.start();
        t1.join();
    }

    public Thread maybeStartedFirst(Runnable job, boolean eager) {
        Thread t = new Thread(job, "maybe-eager");
        t.setDaemon(true);
        if (eager) {
            t.start();
        }
        return t;
    }

    public void startAll(List<Thread> threads) {
        for (Thread t : threads) {
            t.setDaemon(true);
        }
        for (Thread t : threads) {
            t.start();
        }
    }

    public Thread configureThenStart(Runnable job) {
        Thread t = new Thread(job, "configured-early");
        DaemonAfterStartLocal.configure(t);
        t.start();
        return t;
    }

    /** Instead of demoting the running thread, hand the work to a daemon thread made for it. */
    public Thread runInBackground() {
        Thread t = new Thread(() -> DaemonAfterStartLocal.loop(3), "background");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
