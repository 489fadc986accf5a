package io.github.gridlock.samples.release;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Fixed twin of {@link RecursiveLockImbalance}: each acquire has its own release in its own {@code finally}, so the hold
 * count returns to zero on every path (seed {@code 001_69ed1f58e3fcc223.txt}'s actionA: acquire, acquire, release, release).
 */
public class RecursiveLockImbalanceFixed {

    private final ReentrantLock rLock = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private int a;
    private int b;
    private int touches;

    public void actionA() {
        rLock.lock();
        try {
            a++;
            rLock.lock();
            try {
                b++;
            } finally {
                rLock.unlock();
            }
        } finally {
            rLock.unlock();
        }
    }

    public void update(boolean refresh) {
        rLock.lock();
        try {
            if (refresh) {
                a = 0;
            }
            b++;
        } finally {
            rLock.unlock();
        }
    }

    public void touch() {
        rw.writeLock().lock();
        try {
            touches++;
        } finally {
            rw.writeLock().unlock();
        }
    }
}
