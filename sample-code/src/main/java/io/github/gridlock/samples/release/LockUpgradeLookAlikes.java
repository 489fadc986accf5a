package io.github.gridlock.samples.release;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Look-alikes for GL_LOCK_NOT_RELEASED and GL_UNLOCK_WITHOUT_LOCK: a read lock upgraded to the write lock of the
 * same {@code ReadWriteLock} through one reassigned local, released once in the {@code finally} (commons-pool2's
 * {@code GenericKeyedObjectPool.register/deregister}). On the path that upgrades, the {@code finally} releases the
 * write half; on the others, the read half: nothing leaks and nothing is released unheld.
 *
 * <p>The first {@code lock()} sits inside the {@code try}, as in commons-pool2: that is GL_LOCK_INSIDE_TRY at low
 * priority (a JDK read half's {@code lock()} fails only with an {@link Error}), and the upgrade is still clean.
 */
public class LockUpgradeLookAlikes {

    private final ReadWriteLock keyLock = new ReentrantReadWriteLock(true);
    private final Map<String, Integer> interested = new HashMap<>();

    /** Registers a key, taking the write lock only when the key is new. */
    public int register(String key) {
        Lock lock = keyLock.readLock();
        try {
            lock.lock(); // expect-low: GL_LOCK_INSIDE_TRY
            Integer n = interested.get(key);
            if (n == null) {
                lock.unlock();
                lock = keyLock.writeLock();
                lock.lock();
                n = interested.computeIfAbsent(key, k -> 0);
            }
            interested.put(key, n + 1);
            return n + 1;
        } finally {
            lock.unlock();
        }
    }

    /** The acquire before the try: the same upgrade, with nothing to report. */
    public void deregister(String key) {
        Lock lock = keyLock.readLock();
        lock.lock();
        try {
            Integer n = interested.get(key);
            if (n == null) {
                throw new IllegalStateException("not registered: " + key);
            }
            if (n == 1) {
                lock.unlock();
                lock = keyLock.writeLock();
                lock.lock();
                interested.remove(key);
            } else {
                interested.put(key, n - 1);
            }
        } finally {
            lock.unlock();
        }
    }
}
