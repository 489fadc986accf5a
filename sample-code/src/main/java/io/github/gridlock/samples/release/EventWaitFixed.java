package io.github.gridlock.samples.release;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed twin of {@link EventWaitNoLoop}: every wait is inside a {@code while} that re-checks the condition
 * under the lock (the timed one with a remaining-time budget), so spurious wake-ups and early signals are
 * both harmless. This is how {@code threading.Event.wait()} itself is implemented.
 */
public class EventWaitFixed {

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

    public synchronized void await() throws InterruptedException {
        while (!flag) {
            wait();
        }
    }

    public synchronized void clearAndWait() throws InterruptedException {
        flag = false;
        while (!flag) {
            wait();
        }
    }

    public void awaitReady() throws InterruptedException {
        lock.lock();
        try {
            while (!ready) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean awaitReady(long millis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!ready && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
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
