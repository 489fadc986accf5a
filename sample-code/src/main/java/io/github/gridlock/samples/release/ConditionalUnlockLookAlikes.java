package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_UNLOCK_WITHOUT_LOCK: an {@code unlock()} in a {@code finally} after a
 * {@code tryLock()} that may have failed, but guarded by the result (kept in a flag); and an unlock after an
 * acquire made on both branches of an {@code if} by two different calls.
 */
public class ConditionalUnlockLookAlikes {

    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> pending = new ArrayList<>();

    public boolean offer(String item) {
        boolean got = lock.tryLock();
        try {
            if (got) {
                pending.add(item);
            }
            return got;
        } finally {
            if (got) {
                lock.unlock();
            }
        }
    }

    /** Acquired on both branches, by two different calls: every path reaching the unlock holds the lock. */
    public void drain(boolean interruptible) throws InterruptedException {
        if (interruptible) {
            lock.lockInterruptibly();
        } else {
            lock.lock();
        }
        try {
            pending.clear();
        } finally {
            lock.unlock();
        }
    }
}
