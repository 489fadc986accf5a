package io.github.gridlock.detectors.inputs;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Inputs for path states per acquisition site: {@code // leaks: KINDS} at an acquisition says through which
 * exits some path leaves the method still holding it ({@code none}, {@code exception}, {@code return}); a release
 * matches the latest acquisition of its lock that is held (the inner one of a reentrant pair);
 * {@code // unmatched} marks a release reached on a path where nothing it releases is held.
 */
@SuppressWarnings("unused")
public class Releases {
    private final Lock lock = new ReentrantLock();
    private final Lock other = new ReentrantLock();
    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private final StampedLock stamped = new StampedLock();
    private final Semaphore permits = new Semaphore(4);
    private final Handle handle = new Handle();
    private final Object monitor = new Object();
    private int n;

    static void work() {
        if (System.nanoTime() == 0) {
            throw new IllegalStateException();
        }
    }

    /** A lock handle in the style of try-with-resources lock wrappers. */
    static final class Handle implements AutoCloseable {
        private final ReentrantLock inner = new ReentrantLock();

        Handle lock() {
            inner.lock();
            return this;
        }

        @Override
        public void close() {
            inner.unlock();
        }
    }

    void tryFinally() {
        lock.lock(); // leaks: none
        try {
            work();
        } finally {
            lock.unlock();
        }
    }

    void noFinally() {
        lock.lock(); // leaks: exception
        work();
        lock.unlock();
    }

    void noCallInBetween() {
        lock.lock(); // leaks: none
        n++;
        lock.unlock();
    }

    boolean earlyReturn(boolean skip) {
        lock.lock(); // leaks: return
        if (skip) {
            return false;
        }
        lock.unlock();
        return true;
    }

    void correlatedTryLock() {
        boolean ok = lock.tryLock(); // leaks: none
        try {
            if (ok) {
                work();
            }
        } finally {
            if (ok) {
                lock.unlock();
            }
        }
    }

    void tryLockBranch() {
        if (lock.tryLock()) { // leaks: none
            try {
                work();
            } finally {
                lock.unlock();
            }
        }
    }

    void tryWithResources() {
        try (Handle h = handle.lock()) { // leaks: none
            work();
        }
    }

    void nestedFinally() {
        lock.lock(); // leaks: none
        try {
            other.lock(); // leaks: none
            try {
                work();
            } finally {
                other.unlock();
            }
        } finally {
            lock.unlock();
        }
    }

    void monitorInsideTry() {
        lock.lock(); // leaks: none
        try {
            synchronized (monitor) {
                work();
            }
        } finally {
            lock.unlock();
        }
    }

    void permitsShort() throws InterruptedException {
        permits.acquire(2); // leaks: exception, return
        try {
            work();
        } finally {
            permits.release();
        }
    }

    void permitsMatched() throws InterruptedException {
        permits.acquire(2); // leaks: none
        try {
            work();
        } finally {
            permits.release(2);
        }
    }

    void inLoop(int times) {
        for (int i = 0; i < times; i++) {
            lock.lock(); // leaks: none
            try {
                work();
            } finally {
                lock.unlock();
            }
        }
    }

    void recursive(int depth) {
        lock.lock(); // leaks: none
        try {
            if (depth > 0) {
                recursive(depth - 1);
            }
        } finally {
            lock.unlock();
        }
    }

    void lockInsideTry() {
        try {
            lock.lock(); // leaks: none
            work();
        } finally {
            lock.unlock(); // unmatched
        }
    }

    void ignoredTryResult() {
        lock.tryLock(); // leaks: none
        try {
            work();
        } finally {
            lock.unlock(); // unmatched
        }
    }

    void stamps() {
        long stamp = stamped.writeLock(); // leaks: none
        try {
            work();
        } finally {
            stamped.unlockWrite(stamp);
        }
    }

    void readHalf() {
        rw.readLock().lock(); // leaks: none
        try {
            work();
        } finally {
            rw.readLock().unlock();
        }
    }

    void reentrantImbalance() {
        lock.lock(); // leaks: exception, return
        lock.lock(); // leaks: none
        try {
            work();
        } finally {
            lock.unlock();
        }
    }
}
