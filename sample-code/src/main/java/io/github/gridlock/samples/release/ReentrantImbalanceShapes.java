package io.github.gridlock.samples.release;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * GL_UNBALANCED_REENTRANT, more shapes of {@link RecursiveLockImbalance}: a counted loop that acquires three times and
 * releases twice, the read half taken twice, a second hold from {@code lockInterruptibly()} or a successful
 * {@code tryLock()} that no release matches, and a return from inside the inner hold. On each path the hold count is
 * left above zero: the thread still owns the lock it believes it gave up.
 *
 * @see ReentrantImbalanceShapesFixed
 */
public class ReentrantImbalanceShapes {

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private int depth;
    private int reads;

    /** Three holds in a loop, two releases. */
    public void nest() {
        for (int i = 0; i < 3; i++) {
            lock.lock(); // expect: GL_UNBALANCED_REENTRANT
        }
        depth++;
        for (int i = 0; i < 2; i++) {
            lock.unlock();
        }
    }

    /** The read half reentered by a second read, one unlock. */
    public int readTwice() {
        rw.readLock().lock(); // expect: GL_UNBALANCED_REENTRANT
        int first = reads;
        rw.readLock().lock();
        reads++;
        rw.readLock().unlock();
        return first;
    }

    /** lockInterruptibly() as the second hold. */
    public void deepen() throws InterruptedException {
        lock.lock(); // expect: GL_UNBALANCED_REENTRANT
        try {
            lock.lockInterruptibly();
            depth++;
        } finally {
            lock.unlock();
        }
    }

    /** A successful tryLock() while already holding: the second hold is never released. */
    public void bumpIfFree() {
        lock.lock(); // expect: GL_UNBALANCED_REENTRANT
        try {
            if (lock.tryLock()) {
                depth++;
            }
        } finally {
            lock.unlock();
        }
    }

    /** A return from inside the inner hold skips its release; the finally gives up only one. */
    public int innerReturn(boolean quick) {
        lock.lock(); // expect: GL_UNBALANCED_REENTRANT
        try {
            lock.lock();
            if (quick) {
                return depth;
            }
            depth++;
            lock.unlock();
            return depth;
        } finally {
            lock.unlock();
        }
    }
}
