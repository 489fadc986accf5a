package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * GL_LOCK_ORDER_INVERSION (low priority: the size call has several possible targets): the wrappers of
 * {@link DelegateWrapperLookAlike} (with their own interface, so the two samples' stores never mix), but the
 * throttle's inner store can be replaced after construction, so a guarded store and a throttle can wrap each other:
 * {@code t.setInner(new GuardedStore(t))}. Then {@code t.put} holds the guarded store's monitor and waits for its
 * lock, while {@code guarded.put} holds that lock and waits in {@code t.put} for the same monitor.
 */
public class WrapperCycleDeadlock {

    public interface Store {
        void put(String s);

        int size();
    }

    /** Every write under its own lock. */
    public static final class GuardedStore implements Store {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private final Store inner;

        public GuardedStore(Store inner) {
            this.inner = inner;
        }

        @Override
        public void put(String s) {
            lock.writeLock().lock();
            try {
                inner.put(s); // expect-low: GL_LOCK_ORDER_INVERSION
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

    /** A throttle whose inner store is set (and reset) later. */
    public static final class SwappableThrottle implements Store {
        private Store inner;

        public void setInner(Store inner) {
            this.inner = inner;
        }

        @Override
        public void put(String s) {
            synchronized (inner) {
                if (inner.size() >= 100) {
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
