package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/** Fixed twin of {@link UnlockWithoutLockShapes}: each release runs only where its acquire succeeded. */
public class UnlockWithoutLockShapesFixed {

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final StampedLock stamped = new StampedLock();
    private final List<String> pending = new ArrayList<>();

    public void offerIgnoringResult(String item) {
        if (!lock.tryLock()) {
            return;
        }
        try {
            pending.add(item);
        } finally {
            lock.unlock();
        }
    }

    public boolean offerWithin(String item, long millis) throws InterruptedException {
        if (!lock.tryLock(millis, TimeUnit.MILLISECONDS)) {
            System.out.println("timed out");
            return false;
        }
        try {
            pending.add(item);
        } finally {
            lock.unlock();
        }
        return true;
    }

    public void drainTwice() {
        lock.lock();
        try {
            pending.clear();
        } finally {
            lock.unlock();
        }
    }

    public void replaceAll(List<String> items) {
        rw.writeLock().lock();
        try {
            pending.clear();
            pending.addAll(items);
        } finally {
            rw.writeLock().unlock();
        }
    }

    public void update(boolean shared, boolean log, String item) {
        if (shared) {
            lock.lock();
        }
        try {
            pending.add(item);
        } finally {
            if (shared) {
                lock.unlock();
            }
        }
    }

    public void appendStamped(String item) {
        long stamp = stamped.tryWriteLock();
        if (stamp == 0L) {
            return;
        }
        try {
            pending.add(item);
        } finally {
            stamped.unlockWrite(stamp);
        }
    }
}
