package io.github.gridlock.samples.release;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_UNBALANCED_REENTRANT: the same reentrant lock acquired several times in one method, with the
 * hold count back at zero on every path: a counted loop of acquires matched by a counted loop of releases, a
 * {@code getHoldCount()} drain loop, a second release guarded by {@code isHeldByCurrentThread()} after a conditional
 * second hold, and one hold per item in a loop, each released in its own finally.
 */
public class ReentrantBalanceLookAlikes {

    private final ReentrantLock lock = new ReentrantLock();
    private int depth;

    public void nestBalanced() {
        for (int i = 0; i < 3; i++) {
            lock.lock();
        }
        depth++;
        for (int i = 0; i < 3; i++) {
            lock.unlock();
        }
    }

    public void drain() {
        lock.lock();
        lock.lock();
        depth++;
        while (lock.getHoldCount() > 0) {
            lock.unlock();
        }
    }

    public void maybeDeeper(boolean deeper) {
        lock.lock();
        if (deeper) {
            lock.lock();
        }
        depth++;
        lock.unlock();
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    public void each(List<String> items) {
        for (String item : items) {
            lock.lock();
            try {
                depth += item.length();
            } finally {
                lock.unlock();
            }
        }
    }
}
