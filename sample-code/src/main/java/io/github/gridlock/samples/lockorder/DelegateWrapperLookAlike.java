package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A safe look-alike for GL_LOCK_ORDER_INVERSION: wrappers that cannot wrap each other in a circle. A
 * {@link ThrottledStore} holds the monitor of the store it wraps and asks it for its size; a {@link LockedStore}
 * holds its own read-write lock and calls the store it wraps. Read as classes, that is a cycle (the monitor of a
 * {@link Store}, then a {@code LockedStore}'s lock; that lock, then the monitor of a {@code Store}); read as objects,
 * it needs a {@code LockedStore} whose wrapped {@code ThrottledStore} wraps that same {@code LockedStore}. Both
 * wrapped stores are final fields set from the constructor, so a wrapper's inner store exists before the wrapper
 * does, and no circle of them can be built. The real shape: commons-pool2's {@code PoolUtils.ErodingObjectPool}
 * around a {@code SynchronizedObjectPool}. {@link SwappableThrottle}, whose inner store can be replaced, can be made
 * into that circle: see {@code WrapperCycleDeadlock}.
 */
public class DelegateWrapperLookAlike {

    public interface Store {
        void put(String s);

        int size();
    }

    /** Takes no lock. */
    public static final class ListStore implements Store {
        private final List<String> items = new ArrayList<>();

        @Override
        public void put(String s) {
            items.add(s);
        }

        @Override
        public int size() {
            return items.size();
        }
    }

    /** Every call under its own read-write lock. */
    public static final class LockedStore implements Store {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private final Store inner;

        public LockedStore(Store inner) {
            this.inner = inner;
        }

        @Override
        public void put(String s) {
            lock.writeLock().lock();
            try {
                inner.put(s);
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public int size() {
            lock.readLock().lock();
            try {
                return inner.size();
            } finally {
                lock.readLock().unlock();
            }
        }
    }

    /** Drops writes beyond a limit, checking the size under the inner store's monitor. */
    public static final class ThrottledStore implements Store {
        private final Store inner;
        private final int limit;

        public ThrottledStore(Store inner, int limit) {
            this.inner = inner;
            this.limit = limit;
        }

        @Override
        public void put(String s) {
            synchronized (inner) {
                if (inner.size() >= limit) {
                    return;
                }
            }
            inner.put(s);
        }

        @Override
        public int size() {
            return 0;
        }
    }
}
