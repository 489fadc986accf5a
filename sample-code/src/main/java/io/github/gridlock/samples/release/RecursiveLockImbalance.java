package io.github.gridlock.samples.release;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * GL_UNBALANCED_REENTRANT. Seeds {@code 000_fad6ca671c6af024.txt}, {@code 001_69ed1f58e3fcc223.txt} and {@code
 * 002_3c6ada6ae3eed539.txt}: the RLock "has a counter inside: +1 per acquire, -1 per release, and while it is not 0
 * nobody else can get it". A path that acquires twice and releases once leaves the count at 1: the lock looks released
 * to the author but is still held, and every other thread blocks. The finding is at the acquire that took the hold
 * count from 0 to 1 (the outermost one), because that hold is the one never given up.
 *
 * @see RecursiveLockImbalanceFixed
 */
public class RecursiveLockImbalance {

    private final ReentrantLock rLock = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private int a;
    private int b;
    private int touches;

    /** Seed {@code 001_69ed1f58e3fcc223.txt}'s actionA with {@code r_lock}, but one of the two releases forgotten. */
    public void actionA() {
        rLock.lock(); // expect: GL_UNBALANCED_REENTRANT
        a++;
        rLock.lock();
        b++;
        rLock.unlock();
    }

    /** The second acquire happens only when a refresh is needed; the single release does not cover it. */
    public void update(boolean refresh) {
        rLock.lock(); // expect: GL_UNBALANCED_REENTRANT
        try {
            if (refresh) {
                rLock.lock();
                a = 0;
            }
            b++;
        } finally {
            rLock.unlock();
        }
    }

    /** The extra acquire is hidden in a helper that returns holding the lock. */
    public void touch() {
        rw.writeLock().lock(); // expect: GL_UNBALANCED_REENTRANT
        try {
            relock();
            touches++;
        } finally {
            rw.writeLock().unlock();
        }
    }

    private void relock() {
        rw.writeLock().lock();
    }
}
