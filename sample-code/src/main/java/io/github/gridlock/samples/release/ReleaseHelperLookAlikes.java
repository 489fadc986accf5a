package io.github.gridlock.samples.release;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Safe look-alikes for GL_LOCK_NOT_RELEASED: an acquire with no {@code unlock()} in sight in the same method,
 * yet released on every path: through a release helper (which "releases the caller's lock") called from
 * {@code finally}, for a write lock and a read lock held in locals; and a read lock released in a finally.
 */
public class ReleaseHelperLookAlikes {

    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private final Map<String, String> cache = new HashMap<>();

    private static void release(Lock l) {
        l.unlock();
    }

    public void put(String k, String v) {
        Lock w = rw.writeLock();
        w.lock();
        try {
            cache.put(k, v);
        } finally {
            release(w);
        }
    }

    public String get(String k) {
        Lock r = rw.readLock();
        r.lock();
        try {
            return cache.get(k);
        } finally {
            release(r);
        }
    }

    public int size() {
        rw.readLock().lock();
        try {
            return cache.size();
        } finally {
            rw.readLock().unlock();
        }
    }
}
