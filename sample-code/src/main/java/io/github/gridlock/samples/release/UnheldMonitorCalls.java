package io.github.gridlock.samples.release;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_WAIT_WITHOUT_LOOP, the other half: {@code wait()/notify()} on a monitor, {@code await()/signal()} on a
 * condition, where the thread does not hold the lock they belong to on some path. The JVM then throws
 * {@link IllegalMonitorStateException} instead of waiting or waking anyone: the producer below fails on every call,
 * and the consumer's wake-up is never sent.
 *
 * @see UnheldMonitorCallsFixed
 */
public class UnheldMonitorCalls {

    private final Deque<String> jobs = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Object ready = new Object();
    private boolean started;

    /** The seed: notify after the synchronized block ended. */
    public void submit(String job) {
        synchronized (jobs) {
            jobs.addLast(job);
        }
        jobs.notifyAll(); // expect: GL_WAIT_WITHOUT_LOOP
    }

    /** signal() after unlock(): the condition's lock is no longer held. */
    public void put(String job) {
        lock.lock();
        try {
            jobs.addLast(job);
        } finally {
            lock.unlock();
        }
        notEmpty.signal(); // expect: GL_WAIT_WITHOUT_LOOP
    }

    /** The lock is taken on one branch only; the wait is in a loop, but not always under its lock. */
    public String take(boolean locked) throws InterruptedException {
        if (locked) {
            lock.lock();
        }
        try {
            while (jobs.isEmpty()) {
                notEmpty.await(); // expect: GL_WAIT_WITHOUT_LOOP
            }
            return jobs.pollFirst();
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    /** wait() on one object while holding another's monitor. */
    public void awaitStart() throws InterruptedException {
        synchronized (this) {
            while (!started) {
                ready.wait(); // expect: GL_WAIT_WITHOUT_LOOP
            }
        }
    }

    /** A private helper one of whose callers does not hold the monitor. */
    private void wake() {
        ready.notifyAll(); // expect: GL_WAIT_WITHOUT_LOOP
    }

    public void start() {
        synchronized (ready) {
            started = true;
            wake();
        }
    }

    public void restart() {
        started = true;
        wake();
    }
}
