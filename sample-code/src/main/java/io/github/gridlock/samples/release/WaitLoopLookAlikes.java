package io.github.gridlock.samples.release;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_WAIT_WITHOUT_LOOP: waits whose loop is not a plain {@code while (!ready)} but still re-tests
 * the condition before going on: a {@code do ... while}, a {@code while (true)} left by a {@code break} when the
 * condition holds, a {@code for} with a remaining-time budget, and an await whose boolean result and the condition
 * together decide the loop. {@code Thread.sleep} is not a condition wait.
 */
public class WaitLoopLookAlikes {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean ready;
    private int polls;

    public synchronized void awaitDoWhile() throws InterruptedException {
        do {
            wait(50);
        } while (!ready);
    }

    public synchronized void awaitWithBreak() throws InterruptedException {
        while (true) {
            if (ready) {
                break;
            }
            wait();
        }
    }

    public boolean awaitWithin(long millis) throws InterruptedException {
        lock.lock();
        try {
            for (long nanos = TimeUnit.MILLISECONDS.toNanos(millis); !ready; nanos = changed.awaitNanos(nanos)) {
                if (nanos <= 0) {
                    return false;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public boolean awaitTimed(long millis) throws InterruptedException {
        lock.lock();
        try {
            while (!ready) {
                if (!changed.await(millis, TimeUnit.MILLISECONDS)) {
                    return ready;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void poll() throws InterruptedException {
        Thread.sleep(10);
        polls++;
    }

    public void signal() {
        lock.lock();
        try {
            ready = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        synchronized (this) {
            notifyAll();
        }
    }
}
