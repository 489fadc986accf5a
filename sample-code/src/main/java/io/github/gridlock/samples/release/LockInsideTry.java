package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * GL_LOCK_INSIDE_TRY. The acquire is inside the {@code try} whose {@code finally} releases it. If the acquire
 * fails ({@code lockInterruptibly()} interrupted, or anything before it in the {@code try} throws), the
 * {@code finally} unlocks a lock this thread never got: {@link IllegalMonitorStateException} replaces the
 * original exception, which is lost. The finding is at the {@code lock()} call (and not also at the
 * {@code unlock()} as GL_UNLOCK_WITHOUT_LOCK: one mistake, one finding).
 *
 * <p>The seed, a {@code ReentrantLock}'s plain {@code lock()} as the first statement of the {@code try}, is reported
 * at low priority: that {@code lock()} fails only with an {@link Error}, so the form is wrong but harmless in
 * practice. {@code lockInterruptibly()}, and any acquire after other work in the {@code try}, stay normal.
 *
 * @see LockInsideTryFixed
 */
public class LockInsideTry {

    private final ReentrantLock lock = new ReentrantLock();
    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private final List<String> log = new ArrayList<>();
    private final List<String> formatted = new ArrayList<>();

    public void append(String line) {
        try {
            lock.lock(); // expect-low: GL_LOCK_INSIDE_TRY
            log.add(line);
        } finally {
            lock.unlock();
        }
    }

    /** Interrupted while waiting: the finally then throws IllegalMonitorStateException and hides the interrupt. */
    public void appendInterruptibly(String line) throws InterruptedException {
        try {
            lock.lockInterruptibly(); // expect: GL_LOCK_INSIDE_TRY
            log.add(line);
        } finally {
            lock.unlock();
        }
    }

    /** Work before the acquire inside the try: if format() throws, the unlock has nothing to release. */
    public void appendFormatted(String pattern, Object... args) {
        try {
            String line = String.format(pattern, args);
            rw.writeLock().lock(); // expect: GL_LOCK_INSIDE_TRY
            formatted.add(line);
        } finally {
            rw.writeLock().unlock();
        }
    }
}
