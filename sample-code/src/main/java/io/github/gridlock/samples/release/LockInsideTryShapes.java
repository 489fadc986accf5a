package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * GL_LOCK_INSIDE_TRY, more shapes of {@link LockInsideTry}: a semaphore's {@code acquire()}, the read half, a
 * StampedLock write stamp, a try with a catch before its finally, and an acquire after a validating call, each inside
 * the {@code try} whose {@code finally} releases it. When the acquire does not happen, the {@code finally} still
 * releases: a lock throws {@code IllegalMonitorStateException} over the real exception, a semaphore gains a permit.
 *
 * @see LockInsideTryShapesFixed
 */
public class LockInsideTryShapes {

    private final Semaphore spaces = new Semaphore(5);
    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private final StampedLock stamped = new StampedLock();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> log = new ArrayList<>();

    /** Interrupted in acquire(): the finally hands out a sixth space. */
    public void park(String car) throws InterruptedException {
        try {
            spaces.acquire(); // expect: GL_LOCK_INSIDE_TRY
            ParkingLotLeak.park(car);
        } finally {
            spaces.release();
        }
    }

    public int count() {
        try {
            rw.readLock().lock(); // expect-low: GL_LOCK_INSIDE_TRY
            return log.size();
        } finally {
            rw.readLock().unlock();
        }
    }

    public void appendStamped(String line) {
        long stamp = 0L;
        try {
            String checked = LockLeakShapes.normalize(line);
            stamp = stamped.writeLock(); // expect: GL_LOCK_INSIDE_TRY
            log.add(checked);
        } finally {
            stamped.unlockWrite(stamp);
        }
    }

    /** A catch for logging does not change it: the finally still runs after a failed acquire. */
    public void appendLogged(String line) {
        try {
            lock.lockInterruptibly(); // expect: GL_LOCK_INSIDE_TRY
            log.add(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Validation before the acquire, inside the try: a bad line unlocks a lock never taken. */
    public void appendValidated(String line) {
        try {
            String checked = LockLeakShapes.normalize(line);
            lock.lock(); // expect: GL_LOCK_INSIDE_TRY
            log.add(checked);
        } finally {
            lock.unlock();
        }
    }
}
