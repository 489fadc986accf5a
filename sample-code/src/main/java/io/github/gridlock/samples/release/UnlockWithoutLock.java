package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_UNLOCK_WITHOUT_LOCK. A release on a path where nothing was acquired. For a {@code Lock} this throws {@link
 * IllegalMonitorStateException} (typically from a {@code finally}, hiding the real outcome); for a {@code Semaphore} it
 * silently adds a permit, so the parking lot of seed {@code 002_3c6ada6ae3eed539.txt} grows a sixth space and the limit
 * it was built for no longer holds. The finding is at the release.
 *
 * @see UnlockWithoutLockFixed
 */
public class UnlockWithoutLock {

    private final ReentrantLock lock = new ReentrantLock();
    private final Semaphore spaces = new Semaphore(5);
    private final List<String> pending = new ArrayList<>();
    private final LockLeak.Session session = new LockLeak.Session();

    /** A failed tryLock() still reaches the unlock in finally. */
    public boolean offer(String item) {
        boolean got = lock.tryLock();
        try {
            if (got) {
                pending.add(item);
            }
            return got;
        } finally {
            lock.unlock(); // expect: GL_UNLOCK_WITHOUT_LOCK
        }
    }

    /** The space is released whether or not one was obtained. */
    public void visit(String car) {
        if (spaces.tryAcquire()) {
            System.out.println(car + " parked");
        }
        spaces.release(); // expect: GL_UNLOCK_WITHOUT_LOCK
    }

    /** begin() only on the slow path; end() (which releases the caller's lock) on both. */
    public void flush(boolean fast) {
        if (!fast) {
            session.begin();
        }
        try {
            System.out.println(fast ? "quick flush" : "flush in session");
        } finally {
            session.end(); // expect: GL_UNLOCK_WITHOUT_LOCK
        }
    }
}
