package io.github.gridlock.samples.lifecycle;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Safe look-alikes for GL_DAEMON_AFTER_START: each method has a {@code setDaemon} and a {@code start} close
 * together, or a {@code start} earlier in the method, yet no thread is ever marked daemon after it was
 * started. None of these may be reported. (Deliberately absent: guarding with {@code !t.isAlive()} or
 * {@code t.getState() == NEW}, which races with other threads starting {@code t} and is not safe in general.)
 */
public class DaemonConfigLookAlikes {

    /** The seed's fix ({@code 003_99f9c6ad6a7e4c6a.txt}): {@code setDaemon(true)} before {@code start()}, then {@code join()}. */
    public void seedFix(Runnable job) throws InterruptedException {
        Thread t1 = new Thread(job, "t1");
        t1.setDaemon(true);
        t1.start();
        t1.join();
    }

    /** A ThreadFactory creates, configures and returns; whoever receives the thread starts it later. */
    public static final class DaemonThreadFactory implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "daemon-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    private static final int WORKERS = 3;

    /** Each iteration creates a NEW thread: the setDaemon of one iteration never sees the start of another. */
    public void newThreadPerIteration(Runnable r) {
        for (int i = 0; i < WORKERS; i++) {
            Thread t = new Thread(r, "worker-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Two different threads: {@code a} is started, {@code b} is configured and only then started. */
    public void differentThreads(Runnable first, Runnable second) {
        Thread a = new Thread(first, "a");
        Thread b = new Thread(second, "b");
        a.start();
        b.setDaemon(true);
        b.start();
    }

    /** The start and the setDaemon are on mutually exclusive branches. */
    public Thread exclusiveBranches(Runnable job, boolean foreground) {
        Thread t = new Thread(job, "either-or");
        if (foreground) {
            t.start();
        } else {
            t.setDaemon(true);
            t.start();
        }
        return t;
    }

    /** The helper that is wrong when called late ({@link DaemonAfterStartLocal}) is fine when called first. */
    public Thread configureFirst(Runnable job) {
        Thread t = new Thread(job, "configured-early");
        DaemonAfterStartLocal.configure(t);
        t.start();
        return t;
    }

    /** Reading the flag (or the name) of a started thread is harmless; only setDaemon throws. */
    public Thread readFlagAfterStart(Runnable job) {
        Thread t = new Thread(job, "reader");
        t.setDaemon(true);
        t.start();
        if (!t.isDaemon()) {
            throw new AssertionError(t.getName() + " should be a daemon");
        }
        return t;
    }

    /** Daemon-ness set through the ThreadFactory above, then started: the factory's setDaemon came first. */
    public Thread fromFactory(Runnable job) {
        Thread t = new DaemonThreadFactory().newThread(job);
        t.start();
        return t;
    }
}
