package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A look-alike for GL_LOCK_NOT_RELEASED: a method its callers call holding the lock gives the hold back around slow
 * work and takes it again in a {@code finally} (H2's {@code FileStore.rewriteChunks}, in a loop). Its {@code lock()}
 * restores the caller's hold, which the method is meant to return with: not a leak.
 *
 * <p>Nor for GL_UNLOCK_WITHOUT_LOCK: such a helper leaves its caller's hold count as it found it, also when it is
 * called only on some paths of a method in between (H2's {@code RandomAccessStore}: a lambda locks
 * {@code saveChunkLock} and calls {@code compactMoveChunks}, which calls {@code store(low, high)}, which unlocks around
 * the write and locks again): the lambda's own {@code unlock()} in its {@code finally} has its hold.
 */
public class CallerHoldLookAlikes {

    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> pending = new ArrayList<>();
    private final List<String> written = new ArrayList<>();

    public void flush() {
        lock.lock();
        try {
            writeAllUnlocked();
        } finally {
            lock.unlock();
        }
    }

    /** Called holding {@code lock}; writes each item without it. */
    void writeAllUnlocked() {
        for (String item : new ArrayList<>(pending)) {
            lock.unlock();
            try {
                written.add(LockLeakShapes.normalize(item));
            } finally {
                lock.lock();
            }
        }
        pending.clear();
    }

    /** The lambda holds the lock around work that, on some paths, gives it back for a while and takes it again. */
    public Runnable compaction() {
        return () -> {
            lock.lock();
            try {
                if (!pending.isEmpty()) {
                    moveAll();
                }
            } finally {
                lock.unlock();
            }
        };
    }

    private void moveAll() {
        for (String item : pending) {
            if (item.isEmpty()) {
                storeUnlocked(item);
            }
        }
    }

    /** Called holding {@code lock}: writes without it, and returns holding it again. */
    private void storeUnlocked(String item) {
        lock.unlock();
        try {
            written.add(LockLeakShapes.normalize(item));
        } finally {
            lock.lock();
        }
    }
}
