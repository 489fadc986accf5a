package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Safe look-alikes for GL_LOCK_NOT_RELEASED: acquisitions with no plain {@code lock(); try { } finally { unlock(); }}
 * around them that are still released on every path out of the method, or that are meant to outlive it:
 * <ul>
 * <li>a {@code locked} flag set right after the acquire and tested in {@code finally};</li>
 * <li>{@code tryLock()} kept in a boolean and the unlock guarded by it;</li>
 * <li>{@code isHeldByCurrentThread()} guarding the unlock;</li>
 * <li>a lock released in a catch that rethrows, and on the normal path;</li>
 * <li>the StampedLock read-to-write upgrade loop of the JDK's own documentation;</li>
 * <li>a lock handle whose {@code close()} unlocks, used in try-with-resources;</li>
 * <li>{@code open()}/{@code close()} of a documented protocol: open() returns holding the lock on purpose (its
 * callers are judged), close() releases it;</li>
 * <li>a lock released by the callback of the future it guards (and by the catch, if the hand-off fails).</li>
 * </ul>
 */
public class LockReleaseLookAlikes {

    private final ReentrantLock lock = new ReentrantLock();
    private final StampedLock stamped = new StampedLock();
    private final List<String> items = new ArrayList<>();
    private int version;

    public void addFlagged(String item) throws InterruptedException {
        boolean locked = false;
        try {
            lock.lockInterruptibly();
            locked = true;
            items.add(LockLeakShapes.normalize(item));
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    public boolean addIfFree(String item) {
        boolean got = lock.tryLock();
        try {
            if (got) {
                items.add(LockLeakShapes.normalize(item));
            }
            return got;
        } finally {
            if (got) {
                lock.unlock();
            }
        }
    }

    public void addMaybeLocked(String item, boolean exclusive) {
        if (exclusive) {
            lock.lock();
        }
        try {
            items.add(LockLeakShapes.normalize(item));
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    public void addOrUndo(String item) {
        lock.lock();
        try {
            items.add(LockLeakShapes.normalize(item));
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
        lock.unlock();
    }

    public void bumpIfUnset() {
        long stamp = stamped.readLock();
        try {
            while (version == 0) {
                long ws = stamped.tryConvertToWriteLock(stamp);
                if (ws != 0L) {
                    stamp = ws;
                    version = 1;
                    break;
                }
                stamped.unlockRead(stamp);
                stamp = stamped.writeLock();
            }
        } finally {
            stamped.unlock(stamp);
        }
    }

    /** A lock handle: {@code lock()} returns holding its lock, {@code close()} releases it. */
    public static final class Held implements AutoCloseable {
        private final ReentrantLock handleLock = new ReentrantLock();

        public Held lock() {
            handleLock.lock();
            return this;
        }

        @Override
        public void close() {
            handleLock.unlock();
        }
    }

    private final Held held = new Held();

    public void addHeld(String item) {
        try (Held h = held.lock()) {
            items.add(LockLeakShapes.normalize(item));
        }
    }

    /** Returns holding the lock: the protocol is open() ... close(). */
    public void open() {
        lock.lock();
    }

    public void close() {
        lock.unlock();
    }

    public void addInProtocol(String item) {
        open();
        try {
            items.add(LockLeakShapes.normalize(item));
        } finally {
            close();
        }
    }

    public CompletableFuture<String> publish(CompletableFuture<String> result) {
        lock.lock();
        try {
            return result.whenComplete((value, failure) -> lock.unlock());
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }
}
