package io.github.gridlock.samples.release;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fixed twin of {@link UnheldMonitorCalls}, and look-alikes: every wait and notify runs holding its lock, in a
 * {@code synchronized} method, inside the block, between {@code lock()} and {@code unlock()}, or in a private helper
 * every caller of which holds the lock. A helper that waits on a condition it is handed leaves the lock to its
 * caller and is not reported either.
 */
public class UnheldMonitorCallsFixed {

    private final Deque<String> jobs = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Object ready = new Object();
    private boolean started;

    public void submit(String job) {
        synchronized (jobs) {
            jobs.addLast(job);
            jobs.notifyAll();
        }
    }

    public void put(String job) {
        lock.lock();
        try {
            jobs.addLast(job);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    public String take() throws InterruptedException {
        lock.lock();
        try {
            while (jobs.isEmpty()) {
                notEmpty.await();
            }
            return jobs.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    public void awaitStart() throws InterruptedException {
        synchronized (ready) {
            while (!started) {
                ready.wait();
            }
        }
    }

    /** Held by every caller. */
    private void wake() {
        ready.notifyAll();
    }

    public void start() {
        synchronized (ready) {
            started = true;
            wake();
        }
    }

    public void restart() {
        synchronized (ready) {
            started = true;
            wake();
        }
    }

    /** A synchronized method holds its own monitor. */
    public synchronized void markStarted() {
        started = true;
        notifyAll();
    }

    public synchronized void awaitMarked() throws InterruptedException {
        while (!started) {
            wait();
        }
    }

    /** The caller holds the lock of the condition it hands in (Guava's awaitUninterruptibly). */
    static void awaitQuietly(Condition condition) {
        try {
            condition.await(); // expect-low: GL_WAIT_WITHOUT_LOOP
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
