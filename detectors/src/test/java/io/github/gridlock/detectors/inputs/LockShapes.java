package io.github.gridlock.detectors.inputs;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Inputs for the held-lock analysis: each {@code // held:} marker gives the exact lock stack before that line. */
@SuppressWarnings("unused")
public class LockShapes {
    static final Object LOCK_A = new Object();
    static final Object LOCK_B = new Object();
    static int counter;
    private final Object lock = new Object();
    private final ReentrantLock rl = new ReentrantLock();
    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private int n;

    void nested() {
        synchronized (LOCK_A) {
            synchronized (LOCK_B) {
                n++; // held: LockShapes.LOCK_A, LockShapes.LOCK_B
            }
            n++; // held: LockShapes.LOCK_A
        }
        n++; // held:
    }

    synchronized void syncMethod() {
        n++; // held: this
    }

    static synchronized void staticSync() {
        counter++; // held: LockShapes.class
    }

    void localAlias() {
        Object l = this.lock;
        synchronized (l) {
            n++; // held: this.lock
        }
    }

    Object getLock() {
        return lock;
    }

    void getterAlias() {
        synchronized (getLock()) {
            n++; // held: this.lock
        }
    }

    void reentrantLock() {
        rl.lock();
        try {
            n++; // held: this.rl
        } finally {
            rl.unlock();
        }
        n++; // held:
    }

    void readHalf() {
        rw.readLock().lock();
        try {
            n++; // held: this.rw.readLock()
        } finally {
            rw.readLock().unlock();
        }
    }

    void tryLockBranch() {
        if (rl.tryLock()) {
            try {
                n++; // held: this.rl
            } finally {
                rl.unlock();
            }
        } else {
            n--; // held:
        }
    }

    void negatedTryLock() {
        if (!rl.tryLock()) {
            return;
        }
        try {
            n++; // held: this.rl
        } finally {
            rl.unlock();
        }
    }

    void reentrantTwice() {
        rl.lock();
        rl.lock();
        n++; // held: this.rl x2
        rl.unlock();
        n++; // held: this.rl
        rl.unlock();
    }

    void heldOnSomePaths(boolean b) {
        if (b) {
            rl.lock();
        }
        n++; // held: this.rl ?
        if (b) {
            rl.unlock();
        }
    }

    void parameterLocks(Object from, Object to) {
        synchronized (from) {
            synchronized (to) {
                n++; // held: param#0, param#1
            }
        }
    }

    void exceptionEdge() {
        synchronized (lock) {
            try {
                mayThrow();
            } catch (RuntimeException e) {
                n++; // held: this.lock
            }
        }
    }

    void mayThrow() {
        if (n > 3) {
            throw new IllegalStateException();
        }
    }

    void begin() {
        rl.lock();
    }

    void end() {
        rl.unlock();
    }

    void usesBeginEnd() {
        begin();
        n++; // held: this.rl
        end();
        n++; // held:
    }

    void callsNested() {
        nested();
    }

    void blocksInCallee() throws InterruptedException {
        sleeper();
    }

    void sleeper() throws InterruptedException {
        Thread.sleep(10);
    }

    /** A lock handle used in try-with-resources: lock() returns it holding its lock, close() releases it. */
    static class Handle implements AutoCloseable {
        final ReentrantLock inner = new ReentrantLock();

        Handle lock() {
            inner.lock();
            return this;
        }

        @Override
        public void close() {
            inner.unlock();
        }
    }

    /** An override of close(): a call of close() on a Handle has two targets, and both release the lock. */
    static final class LoggingHandle extends Handle {
        private int closes;

        @Override
        public void close() {
            closes++;
            super.close();
        }
    }

    private final Handle handle = new Handle();

    void resourceHandle() {
        try (Handle h = handle.lock()) {
            n++; // held: this.handle.inner
        }
        n++; // held:
    }
}
