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

/**
 * GL_LOCK_NOT_RELEASED, more shapes of {@link LockLeak}: the read and write halves of a {@code ReadWriteLock},
 * StampedLock stamps, the inner of two nested locks, an acquire inside a loop, a lock passed in by the caller, and a
 * timed {@code tryLock} whose success branch returns early. Each has a path to the method's exit (an exception from
 * a called method, or a return) that still holds the lock: the next thread that asks for it waits forever.
 *
 * @see LockLeakShapesFixed
 */
public class LockLeakShapes {

    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private final StampedLock stamped = new StampedLock();
    private final Lock outer = new ReentrantLock();
    private final Lock inner = new ReentrantLock();
    private final Map<String, String> cache = new HashMap<>();
    private final List<String> journal = new ArrayList<>();
    private double x;
    private double y;

    /** A cache miss returns with the read lock held: every later writer waits for good. */
    public String lookup(String key) {
        rw.readLock().lock(); // expect: GL_LOCK_NOT_RELEASED
        String v = cache.get(key);
        if (v == null) {
            return null;
        }
        rw.readLock().unlock();
        return v;
    }

    /** The write half, with an exception from a called method between lock and unlock. */
    public void store(String key, String value) {
        rw.writeLock().lock(); // expect: GL_LOCK_NOT_RELEASED
        cache.put(key, normalize(value));
        rw.writeLock().unlock();
    }

    /** A StampedLock write stamp: not reentrant, so the next writeLock() of this very thread hangs too. */
    public void move(double dx, double dy) {
        long stamp = stamped.writeLock(); // expect: GL_LOCK_NOT_RELEASED
        x += checked(dx);
        y += checked(dy);
        stamped.unlockWrite(stamp);
    }

    /** A read stamp released only on the path that finds the point away from the origin. */
    public double distanceIfMoved() {
        long stamp = stamped.readLock(); // expect: GL_LOCK_NOT_RELEASED
        if (x == 0 && y == 0) {
            return 0;
        }
        double d = Math.sqrt(x * x + y * y);
        stamped.unlockRead(stamp);
        return d;
    }

    /** Nested locks: the outer one is in a try/finally, the inner one is not. */
    public void transfer(String entry) {
        outer.lock();
        try {
            inner.lock(); // expect: GL_LOCK_NOT_RELEASED
            journal.add(normalize(entry));
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }

    /**
     * One acquire per item, in a loop: the item whose normalize() throws leaves the lock held. (It also takes the
     * wrong lock for the journal: every other access holds {@code inner}.)
     */
    public void storeAll(List<String> entries) {
        for (String e : entries) {
            outer.lock(); // expect: GL_LOCK_NOT_RELEASED
            journal.add(normalize(e)); // expect-low: GL_INCONSISTENT_GUARD
            outer.unlock();
        }
    }

    /** A lock the caller passes in: the leak is this method's, whatever the lock. */
    public static void appendUnder(Lock lock, List<String> target, String entry) {
        lock.lock(); // expect: GL_LOCK_NOT_RELEASED
        target.add(normalize(entry));
        lock.unlock();
    }

    /** A timed tryLock: the duplicate entry returns from inside the success branch with the lock held. */
    public boolean appendOnce(String entry) throws InterruptedException {
        if (!inner.tryLock(10, TimeUnit.MILLISECONDS)) { // expect: GL_LOCK_NOT_RELEASED
            return false;
        }
        if (journal.contains(entry)) {
            return false;
        }
        journal.add(entry);
        inner.unlock();
        return true;
    }

    static String normalize(String s) {
        if (s == null) {
            throw new IllegalArgumentException("null entry");
        }
        return s.trim();
    }

    static double checked(double d) {
        if (Double.isNaN(d)) {
            throw new IllegalArgumentException("NaN");
        }
        return d;
    }
}
