package io.github.gridlock.samples.lifecycle;

import java.util.List;

/**
 * GL_DAEMON_AFTER_START, local-variable shapes. Seed {@code 003_99f9c6ad6a7e4c6a.txt}: the notes say {@code
 * t1.setDaemon(True)} must come <em>before</em> {@code t1.start()}. In Java the wrong order is not merely ignored:
 * {@link Thread#setDaemon} on a live thread throws {@link IllegalThreadStateException}, so the launcher dies after the
 * worker is already running as a non-daemon thread that keeps the JVM alive. Each method below calls {@code setDaemon}
 * on a thread that is, or on some path may be, already started.
 *
 * @see DaemonAfterStartLocalFixed the same launches with the calls in the right order
 */
public class DaemonAfterStartLocal {

    static void loop(int times) {
        for (int i = 0; i < times; i++) {
            System.out.println(Thread.currentThread().getName() + ": " + i);
        }
    }

    /** The seed's {@code t1} with the two lines swapped: start, then setDaemon, then join. */
    public void seedOrderSwapped() throws InterruptedException {
        Thread t1 = new Thread(() -> loop(6), "loop-6");
        t1.start();
        t1.setDaemon(true); // expect: GL_DAEMON_AFTER_START
        t1.join();
    }

    /** Started only when eager, but marked daemon unconditionally: on the eager path it is already running. */
    public Thread maybeStartedFirst(Runnable job, boolean eager) {
        Thread t = new Thread(job, "maybe-eager");
        if (eager) {
            t.start();
        }
        t.setDaemon(true); // expect: GL_DAEMON_AFTER_START
        if (!eager) {
            t.start();
        }
        return t;
    }

    /** Every thread of the list is started before it is marked daemon; the first setDaemon already throws. */
    public void startAll(List<Thread> threads) {
        for (Thread t : threads) {
            t.start();
            t.setDaemon(true); // expect: GL_DAEMON_AFTER_START
        }
    }

    /** The order is wrong in this method even though the setDaemon call itself sits in a helper. */
    public Thread startThenConfigure(Runnable job) {
        Thread t = new Thread(job, "configured-late");
        t.start();
        configure(t); // expect: GL_DAEMON_AFTER_START
        return t;
    }

    /** On its own this helper is fine (it is also called correctly below); the finding is at the late caller. */
    static void configure(Thread t) {
        t.setDaemon(true);
        t.setName("gridlock-" + t.getName());
    }

    /** The current thread is by definition running: this always throws. */
    public void demoteCurrentThread() {
        Thread.currentThread().setDaemon(true); // expect: GL_DAEMON_AFTER_START
        loop(3);
    }

    /** The same mistake made from inside a task that runs on a freshly started thread. */
    public Thread startSelfDemotingTask() {
        Thread t = new Thread(() -> {
            Thread.currentThread().setDaemon(true); // expect: GL_DAEMON_AFTER_START
            loop(3);
        }, "self-demoting");
        t.setDaemon(false);
        t.start();
        return t;
    }
}
