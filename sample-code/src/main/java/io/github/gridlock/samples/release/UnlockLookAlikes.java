package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Safe look-alikes for GL_UNLOCK_WITHOUT_LOCK: releases with no acquire right above them that are still matched on
 * every path: an unlock guarded by {@code isHeldByCurrentThread()}, a release helper that gives back its caller's
 * lock ({@code end()}: the caller is judged), a helper that gives the caller's lock back and takes it again, the
 * producer side of a semaphore used as a signal, a stamp checked against zero, and a timed {@code tryLock} whose
 * failure returns before the try.
 */
public class UnlockLookAlikes {

    private final ReentrantLock lock = new ReentrantLock();
    private final StampedLock stamped = new StampedLock();
    private final Semaphore itemsReady = new Semaphore(0);
    private final List<String> pending = new ArrayList<>();

    public void addMaybe(String item, boolean exclusive) {
        if (exclusive) {
            lock.lock();
        }
        try {
            pending.add(item);
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    public void end() {
        lock.unlock();
    }

    public void flushWithoutLock() {
        lock.unlock();
        try {
            System.out.println("flushing " + pending.size());
        } finally {
            lock.lock();
        }
    }

    public void produced(String item) {
        pending.add(item);
        itemsReady.release();
    }

    public void appendIfFree(String item) {
        long stamp = stamped.tryWriteLock();
        if (stamp != 0L) {
            try {
                pending.add(item);
            } finally {
                stamped.unlockWrite(stamp);
            }
        }
    }

    public boolean addWithin(String item, long millis) throws InterruptedException {
        boolean locked = lock.tryLock(millis, TimeUnit.MILLISECONDS);
        if (!locked) {
            return false;
        }
        try {
            pending.add(item);
            return true;
        } finally {
            lock.unlock();
        }
    }
}
