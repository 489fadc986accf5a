package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * GL_UNLOCK_WITHOUT_LOCK, more shapes of {@link UnlockWithoutLock}: a {@code tryLock()} whose result is ignored, an
 * unlock on the path where a timed {@code tryLock} failed, a lock released twice, the wrong half of a
 * {@code ReadWriteLock} released, a lock taken under one flag and released under another, and a StampedLock stamp that
 * was never checked. Each release runs on a path where this method holds nothing it could release. Three of them
 * also leak on another path (no finally, or a return that skips the unlock): GL_LOCK_NOT_RELEASED at their acquire.
 *
 * @see UnlockWithoutLockShapesFixed
 */
public class UnlockWithoutLockShapes {

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final StampedLock stamped = new StampedLock();
    private final List<String> pending = new ArrayList<>();

    /** The result of tryLock() is dropped: on failure the finally unlocks a lock it never got. */
    public void offerIgnoringResult(String item) {
        lock.tryLock();
        try {
            pending.add(item);
        } finally {
            lock.unlock(); // expect: GL_UNLOCK_WITHOUT_LOCK
        }
    }

    /** The timeout branch also unlocks. */
    public boolean offerWithin(String item, long millis) throws InterruptedException {
        if (lock.tryLock(millis, TimeUnit.MILLISECONDS)) { // expect: GL_LOCK_NOT_RELEASED
            pending.add(item);
        } else {
            System.out.println("timed out");
        }
        lock.unlock(); // expect: GL_UNLOCK_WITHOUT_LOCK
        return true;
    }

    /** Released inside the try and again by the finally. */
    public void drainTwice() {
        lock.lock();
        try {
            pending.clear();
            lock.unlock();
        } finally {
            lock.unlock(); // expect: GL_UNLOCK_WITHOUT_LOCK
        }
    }

    /** The write half is taken, the read half released. */
    public void replaceAll(List<String> items) {
        rw.writeLock().lock();
        try {
            pending.clear();
            pending.addAll(items);
        } finally {
            rw.readLock().unlock(); // expect: GL_UNLOCK_WITHOUT_LOCK
        }
    }

    /** Locked under one flag, unlocked under another. */
    public void update(boolean shared, boolean log, String item) {
        if (shared) {
            lock.lock(); // expect: GL_LOCK_NOT_RELEASED
        }
        pending.add(item);
        if (log) {
            lock.unlock(); // expect: GL_UNLOCK_WITHOUT_LOCK
        }
    }

    /** tryWriteLock() returns 0 when it fails; the stamp is unlocked unchecked. */
    public void appendStamped(String item) {
        long stamp = stamped.tryWriteLock(); // expect: GL_LOCK_NOT_RELEASED
        pending.add(item);
        stamped.unlockWrite(stamp); // expect: GL_UNLOCK_WITHOUT_LOCK
    }
}
