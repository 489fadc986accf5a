package io.github.gridlock.detectors.inputs;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Inputs for loops around waits: {@code // loop: tested} at a wait inside a loop that a condition can leave,
 * {@code untested} inside a loop left only by an exception, {@code none} outside any loop (also a retry through an
 * exception handler: the wait that completes runs once, on the path that leaves).
 */
@SuppressWarnings("unused")
public class Waits {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean ready;
    private int version;

    synchronized void whileLoop() throws InterruptedException {
        while (!ready) {
            wait(); // loop: tested
        }
    }

    synchronized void ifOnly() throws InterruptedException {
        if (!ready) {
            wait(); // loop: none
        }
    }

    synchronized void doWhile() throws InterruptedException {
        do {
            wait(100); // loop: tested
        } while (!ready);
    }

    synchronized void foreverWithoutTest() throws InterruptedException {
        while (true) {
            wait(); // loop: untested
            version++;
        }
    }

    synchronized void retryOnInterrupt() {
        for (;;) {
            try {
                wait(); // loop: none
                return;
            } catch (InterruptedException e) {
                version++;
            }
        }
    }

    int forWithReturn(int seen) throws InterruptedException {
        lock.lock();
        try {
            for (;;) {
                if (version != seen) {
                    return version;
                }
                changed.await(); // loop: tested
            }
        } finally {
            lock.unlock();
        }
    }

    /** An inner while re-tests, though the outer loop is a while (true). */
    synchronized void nestedInnerTest() throws InterruptedException {
        while (true) {
            while (!ready) {
                wait(); // loop: tested
            }
            version++;
        }
    }

    /** An if whose both sides rejoin before the wait re-tests nothing. */
    synchronized void ifThatRejoins() throws InterruptedException {
        while (true) {
            wait(); // loop: untested
            if (ready) {
                version++;
            }
        }
    }

    void awaitOnce() throws InterruptedException {
        lock.lock();
        try {
            changed.await(); // loop: none
        } finally {
            lock.unlock();
        }
    }
}
