package io.github.gridlock.samples.sharedstate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * GL_INCONSISTENT_GUARD in more shapes: a {@code @GuardedBy("this")} counter reset outside the synchronized
 * methods, a private helper called both with and without its lock, a static field guarded by the class lock read
 * from a lambda, a guarded list read from an executor task, a map guarded by a read-write lock read without it (a
 * plain field, found by the 3/4 rule: low priority), an int reset from a CompletableFuture task, and an inner
 * class reading its outer object's guarded field. Each is guarded everywhere but at the marked line.
 *
 * @see GuardSlipShapesFixed
 */
public class GuardSlipShapes {

    @GuardedBy("GuardSlipShapes.class")
    private static int instances;

    private final Object lock = new Object();
    private final Object genLock = new Object();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();

    @GuardedBy("this")
    private long bytesSent;

    @GuardedBy("lock")
    private String owner;

    @GuardedBy("lock")
    private final List<String> pending = new ArrayList<>();

    @GuardedBy("lock")
    private int leases;

    /** Guarded by {@code rw} at all accesses but one (inferred). */
    private Map<String, String> routes = new HashMap<>();

    /** Guarded by {@code genLock} at all accesses but one (inferred). */
    private int generation;

    public GuardSlipShapes() {
        synchronized (GuardSlipShapes.class) {
            instances++;
        }
    }

    public synchronized void sent(long n) {
        bytesSent += n;
    }

    public synchronized long bytesSent() {
        return bytesSent;
    }

    /** Writes a field guarded by {@code this} outside the synchronized methods. */
    public void resetStats() {
        bytesSent = 0; // expect: GL_INCONSISTENT_GUARD
    }

    public void claim(String who) {
        synchronized (lock) {
            setOwner(who);
        }
    }

    /** Calls the helper without the lock the helper's field needs. */
    public void forceClaim(String who) {
        setOwner(who);
    }

    private void setOwner(String who) {
        owner = who; // expect: GL_INCONSISTENT_GUARD
    }

    public String owner() {
        synchronized (lock) {
            return owner;
        }
    }

    public static synchronized int instances() {
        return instances;
    }

    /** Reads a field guarded by the class lock from a lambda, without that lock. */
    public Runnable instanceReporter() {
        return () -> System.out.println("instances: " + instances); // expect: GL_INCONSISTENT_GUARD
    }

    public void enqueue(String item) {
        synchronized (lock) {
            pending.add(item);
        }
    }

    /** Reads a guarded ArrayList from an executor task while enqueue() may be growing it. */
    public void reportLater(Executor executor) {
        executor.execute(() -> System.out.println("pending: " + pending.size())); // expect: GL_INCONSISTENT_GUARD
    }

    public void route(String from, String to) {
        rw.writeLock().lock();
        try {
            routes.put(from, to);
        } finally {
            rw.writeLock().unlock();
        }
    }

    public String routeOf(String from) {
        rw.readLock().lock();
        try {
            return routes.get(from);
        } finally {
            rw.readLock().unlock();
        }
    }

    public void replaceRoutes(Map<String, String> next) {
        rw.writeLock().lock();
        try {
            routes = new HashMap<>(next);
        } finally {
            rw.writeLock().unlock();
        }
    }

    /** Reads the map reference and its size without the lock: a plain field, found by the 3/4 rule. */
    public int routeCount() {
        return routes.size(); // expect-low: GL_INCONSISTENT_GUARD
    }

    public void bump() {
        synchronized (genLock) {
            generation = generation + 1;
        }
    }

    public int generation() {
        synchronized (genLock) {
            return generation;
        }
    }

    /**
     * Writes the field from a CompletableFuture task without the lock every other access holds. No annotation says
     * the field is guarded, so the guard is inferred (3/4 of the accesses): low priority.
     */
    public CompletableFuture<Void> resetLater() {
        return CompletableFuture.runAsync(() -> generation = 0); // expect-low: GL_INCONSISTENT_GUARD
    }

    public void lease() {
        synchronized (lock) {
            leases++;
        }
    }

    public int leases() {
        synchronized (lock) {
            return leases;
        }
    }

    /** An inner class reads its outer object's guarded field without the outer object's lock. */
    public class LeaseReporter implements Runnable {
        @Override
        public void run() {
            System.out.println("leases: " + leases); // expect: GL_INCONSISTENT_GUARD
        }
    }
}
