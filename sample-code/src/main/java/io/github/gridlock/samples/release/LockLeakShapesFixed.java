package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/** Fixed twin of {@link LockLeakShapes}: every acquire is right before a try whose finally releases it. */
public class LockLeakShapesFixed {

    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private final StampedLock stamped = new StampedLock();
    private final Lock outer = new ReentrantLock();
    private final Lock inner = new ReentrantLock();
    private final Map<String, String> cache = new HashMap<>();
    private final List<String> journal = new ArrayList<>();
    private double x;
    private double y;

    public String lookup(String key) {
        rw.readLock().lock();
        try {
            return cache.get(key);
        } finally {
            rw.readLock().unlock();
        }
    }

    public void store(String key, String value) {
        rw.writeLock().lock();
        try {
            cache.put(key, LockLeakShapes.normalize(value));
        } finally {
            rw.writeLock().unlock();
        }
    }

    public void move(double dx, double dy) {
        long stamp = stamped.writeLock();
        try {
            x += LockLeakShapes.checked(dx);
            y += LockLeakShapes.checked(dy);
        } finally {
            stamped.unlockWrite(stamp);
        }
    }

    public double distanceIfMoved() {
        long stamp = stamped.readLock();
        try {
            if (x == 0 && y == 0) {
                return 0;
            }
            return Math.sqrt(x * x + y * y);
        } finally {
            stamped.unlockRead(stamp);
        }
    }

    public void transfer(String entry) {
        outer.lock();
        try {
            inner.lock();
            try {
                journal.add(LockLeakShapes.normalize(entry));
            } finally {
                inner.unlock();
            }
        } finally {
            outer.unlock();
        }
    }

    public void storeAll(List<String> entries) {
        for (String e : entries) {
            inner.lock(); // the journal's lock, as at its other accesses
            try {
                journal.add(LockLeakShapes.normalize(e));
            } finally {
                inner.unlock();
            }
        }
    }

    public static void appendUnder(Lock lock, List<String> target, String entry) {
        lock.lock();
        try {
            target.add(LockLeakShapes.normalize(entry));
        } finally {
            lock.unlock();
        }
    }

    public boolean appendOnce(String entry) throws InterruptedException {
        if (!inner.tryLock(10, TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            if (journal.contains(entry)) {
                return false;
            }
            journal.add(entry);
            return true;
        } finally {
            inner.unlock();
        }
    }
}
