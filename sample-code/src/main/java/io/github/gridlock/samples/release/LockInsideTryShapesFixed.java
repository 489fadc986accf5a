package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/** Fixed twin of {@link LockInsideTryShapes}: the acquire right before the try, the work before it outside. */
public class LockInsideTryShapesFixed {

    private final Semaphore spaces = new Semaphore(5);
    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private final StampedLock stamped = new StampedLock();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> log = new ArrayList<>();

    public void park(String car) throws InterruptedException {
        spaces.acquire();
        try {
            ParkingLotLeak.park(car);
        } finally {
            spaces.release();
        }
    }

    public int count() {
        rw.readLock().lock();
        try {
            return log.size();
        } finally {
            rw.readLock().unlock();
        }
    }

    public void appendStamped(String line) {
        String checked = LockLeakShapes.normalize(line);
        long stamp = stamped.writeLock();
        try {
            log.add(checked);
        } finally {
            stamped.unlockWrite(stamp);
        }
    }

    public void appendLogged(String line) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            log.add(line);
        } finally {
            lock.unlock();
        }
    }

    public void appendValidated(String line) {
        String checked = LockLeakShapes.normalize(line);
        lock.lock();
        try {
            log.add(checked);
        } finally {
            lock.unlock();
        }
    }
}
