package io.github.gridlock.samples.release;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Fixed twin of {@link ReentrantImbalanceShapes}: every hold has its release, so the count returns to zero. */
public class ReentrantImbalanceShapesFixed {

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private int depth;
    private int reads;

    public void nest() {
        for (int i = 0; i < 3; i++) {
            lock.lock();
        }
        depth++;
        for (int i = 0; i < 3; i++) {
            lock.unlock();
        }
    }

    public int readTwice() {
        rw.readLock().lock();
        try {
            int first = reads;
            reads++;
            return first;
        } finally {
            rw.readLock().unlock();
        }
    }

    public void deepen() throws InterruptedException {
        lock.lock();
        try {
            lock.lockInterruptibly();
            try {
                depth++;
            } finally {
                lock.unlock();
            }
        } finally {
            lock.unlock();
        }
    }

    public void bumpIfFree() {
        lock.lock();
        try {
            depth++;
        } finally {
            lock.unlock();
        }
    }

    public int innerReturn(boolean quick) {
        lock.lock();
        try {
            lock.lock();
            try {
                if (quick) {
                    return depth;
                }
                depth++;
                return depth;
            } finally {
                lock.unlock();
            }
        } finally {
            lock.unlock();
        }
    }
}
