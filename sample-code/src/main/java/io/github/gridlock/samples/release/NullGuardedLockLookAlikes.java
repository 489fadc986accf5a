package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Look-alikes for GL_LOCK_NOT_RELEASED and GL_UNLOCK_WITHOUT_LOCK, and the finding they resemble: an optional lock in
 * a {@code final} field (null when the object is used by one thread only), tested for null before the acquire and
 * again before the release (Netty's {@code AdaptivePoolingAllocator.Magazine.free}:
 * {@code long stamp = lock != null ? lock.writeLock() : 0; try { ... } finally { if (lock != null)
 * lock.unlockWrite(stamp); }}). Both tests read the same unchanging value, so they agree: the path that acquired
 * also releases. A field that another thread may reassign between the two tests gives no such promise.
 */
public class NullGuardedLockLookAlikes {

    private final StampedLock allocationLock;
    private final ReentrantLock lock;
    private ReentrantLock replaceable = new ReentrantLock();
    private final List<String> items = new ArrayList<>();
    private String current;

    public NullGuardedLockLookAlikes(boolean shared) {
        allocationLock = shared ? new StampedLock() : null;
        lock = shared ? new ReentrantLock() : null;
    }

    /** Netty's shape: a stamp of a final, maybe-null StampedLock. */
    public void free() {
        long stamp = allocationLock != null ? allocationLock.writeLock() : 0;
        try {
            if (current != null) {
                items.add(LockLeakShapes.normalize(current));
                current = null;
            }
        } finally {
            if (allocationLock != null) {
                allocationLock.unlockWrite(stamp);
            }
        }
    }

    /** The same with a Lock, read through a local copy of the field. */
    public void add(String item) {
        ReentrantLock l = this.lock;
        if (l != null) {
            l.lock();
        }
        try {
            items.add(LockLeakShapes.normalize(item));
        } finally {
            if (l != null) {
                l.unlock();
            }
        }
    }

    public void setReplaceable(ReentrantLock lock) {
        this.replaceable = lock;
    }

    /** Not final: set to null between the two tests, the lock leaks; set from null, the unlock throws. */
    public void addReplaceable(String item) {
        if (replaceable != null) {
            replaceable.lock(); // expect: GL_LOCK_NOT_RELEASED
        }
        try {
            items.add(LockLeakShapes.normalize(item));
        } finally {
            if (replaceable != null) {
                replaceable.unlock(); // expect: GL_UNLOCK_WITHOUT_LOCK
            }
        }
    }
}
