package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A look-alike for GL_LOCK_NOT_RELEASED: a method its callers call holding the lock gives the hold back around slow
 * work and takes it again in a {@code finally} (H2's {@code FileStore.rewriteChunks}, in a loop). Its {@code lock()}
 * restores the caller's hold, which the method is meant to return with: not a leak.
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
}
