package io.github.gridlock.samples.release;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_WAIT_WITHOUT_LOOP. Seeds {@code 001_69ed1f58e3fcc223.txt} and {@code 002_3c6ada6ae3eed539.txt}'s {@code Event}:
 * the worker {@code wait()}s for the boss's {@code set()}, then {@code clear()}s and waits again. Built on {@code
 * Object.wait()} or {@code Condition.await()}, a wait that is not inside a loop re-checking its condition breaks two
 * ways: a spurious wake-up (allowed by the JVM spec) returns with the condition still false, and a notify that came
 * before the wait (the boss set the flag first) is lost, so an unconditional wait sleeps forever. The finding is at the
 * wait/await.
 *
 * @see EventWaitFixed
 */
public class EventWaitNoLoop {

    private boolean flag;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean ready;

    public synchronized void set() {
        flag = true;
        notifyAll();
    }

    public synchronized void clear() {
        flag = false;
    }

    /** {@code event.wait()} as a single if: a spurious wake-up returns with the flag still false. */
    public synchronized void await() throws InterruptedException {
        if (!flag) {
            wait(); // expect: GL_WAIT_WITHOUT_LOOP
        }
    }

    /** The seed's worker: {@code event.clear(); event.wait()}, waiting with no check at all. */
    public synchronized void clearAndWait() throws InterruptedException {
        flag = false;
        wait(); // expect: GL_WAIT_WITHOUT_LOOP
    }

    /** The same with a Condition, and with a timed await that is not re-checked either. */
    public void awaitReady() throws InterruptedException {
        lock.lock();
        try {
            if (!ready) {
                changed.await(); // expect: GL_WAIT_WITHOUT_LOOP
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean awaitReady(long millis) throws InterruptedException {
        lock.lock();
        try {
            if (!ready) {
                changed.await(millis, TimeUnit.MILLISECONDS); // expect: GL_WAIT_WITHOUT_LOOP
            }
            return ready;
        } finally {
            lock.unlock();
        }
    }

    public void markReady() {
        lock.lock();
        try {
            ready = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
