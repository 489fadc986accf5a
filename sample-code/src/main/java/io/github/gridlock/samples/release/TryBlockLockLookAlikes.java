package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_LOCK_INSIDE_TRY: a {@code lock()} that is lexically inside a {@code try}, but not
 * the {@code try} that unlocks it: an outer try/catch for logging around a correct lock/try/finally, a
 * {@code finally} that unlocks only if the acquire succeeded (a flag set right after it).
 */
public class TryBlockLockLookAlikes {

    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> log = new ArrayList<>();

    public void appendLogged(String line) {
        try {
            lock.lock();
            try {
                log.add(line);
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException e) {
            System.err.println("append failed: " + e);
        }
    }

    public void appendFlagged(String line) throws InterruptedException {
        boolean locked = false;
        try {
            lock.lockInterruptibly();
            locked = true;
            log.add(line);
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }
}
