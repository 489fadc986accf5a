package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Look-alikes for the family where the lock is taken by the callers of a method that is not private. A
 * package-private helper of a package-private class can only be called from its package, and every call there holds
 * the lock (Guava's {@code LocalCache.Segment}, a {@code ReentrantLock} whose {@code @GuardedBy("this")} helpers run
 * under {@code lock()}), and one only the constructor calls ({@code initTable}): not a finding. A public method whose
 * every known caller holds a lock (commons-pool2's {@code ErodingFactor.update}, called only inside
 * {@code synchronized (pool)}) may still be called by code we do not see without it: a low-priority finding, not a
 * normal one.
 */
public class CallerLockLookAlikes {

    /** The segment is the lock; its package-private helpers run under it. */
    static final class Segment extends ReentrantLock {
        private int count;
        private long totalWeight;
        private int threshold;

        Segment(int initial) {
            grow(initial); // before the segment is shared: no lock needed
            initTable(16);
        }

        /** Called only by the constructor, on the segment being built: it runs before anyone else can see it. */
        void initTable(int size) {
            threshold = size * 3 / 4;
            if (threshold == 0) {
                threshold++;
            }
        }

        void put(String key) {
            lock();
            try {
                grow(1);
                if (count > threshold) {
                    threshold *= 2;
                }
                recordWrite(key.length());
            } finally {
                unlock();
            }
        }

        void grow(int by) {
            count += by;
        }

        void recordWrite(int weight) {
            totalWeight += weight;
        }
    }

    private final Segment segment = new Segment(0);

    public void putAll(ExecutorService pool, List<String> keys) {
        for (String k : keys) {
            pool.execute(() -> segment.put(k));
        }
    }

    /** Public: both known callers hold their pool's monitor, unknown ones may not. */
    public static final class ErodingFactor {
        private volatile int highWaterMark;

        public void update(int idle) {
            highWaterMark += idle; // expect-low: GL_VOLATILE_COUNTER
        }

        public int highWaterMark() {
            return highWaterMark;
        }
    }

    public static final class ErodingPool {
        private final Object pool = new Object();
        private final ErodingFactor factor = new ErodingFactor();

        public void returnObject(int idle) {
            synchronized (pool) {
                factor.update(idle);
            }
        }
    }

    public static final class ErodingKeyedPool {
        private final Object keyedPool = new Object();
        private final ErodingFactor factor = new ErodingFactor();

        public void returnObject(int idle) {
            synchronized (keyedPool) {
                factor.update(idle);
            }
        }
    }
}
