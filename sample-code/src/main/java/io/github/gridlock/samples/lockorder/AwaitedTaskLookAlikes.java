package io.github.gridlock.samples.lockorder;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Safe look-alikes for the wait-for-locked-work form of GL_BLOCKING_WHILE_LOCKED: a timed wait with a lock held
 * for work that never takes that lock, and a wait on one executor while the task that takes the lock runs on
 * another. The timed waits stay below the blocking list; none of the awaited work needs the held lock. (The
 * {@code done} counter is a real race of another kind: a pool thread counts while the flusher resets it.)
 */
public final class AwaitedTaskLookAlikes {

    private final Object lock = new Object();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final ExecutorService auditors = Executors.newSingleThreadExecutor();
    private long done;
    private long audited;

    public void submitWork(Runnable work) {
        workers.execute(work);
        workers.execute(this::countDone);
    }

    public void audit() {
        auditors.execute(this::recordAudit);
    }

    private void countDone() {
        done++; // expect: GL_UNSYNCHRONIZED_COUNTER
    }

    private void recordAudit() {
        synchronized (lock) {
            audited++;
        }
    }

    /** The workers' tasks never take {@code lock}, so they can always end while it is held. */
    public void closeWorkers() throws InterruptedException {
        synchronized (lock) {
            workers.shutdown();
            workers.awaitTermination(1, TimeUnit.SECONDS);
        }
    }

    /** A thread whose body takes no lock, joined with a bound while the monitor is held. */
    public synchronized void flushOnce() throws InterruptedException {
        Thread flusher = new Thread(() -> done = 0);
        flusher.start();
        flusher.join(100);
    }
}
