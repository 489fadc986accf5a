package io.github.gridlock.samples.sharedstate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Fixed twin of {@link GuardSlipShapes}: every access of each field holds its lock.
 */
public class GuardSlipShapesFixed {

    @GuardedBy("GuardSlipShapesFixed.class")
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

    public GuardSlipShapesFixed() {
        synchronized (GuardSlipShapesFixed.class) {
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
    public synchronized void resetStats() {
        bytesSent = 0;
    }

    public void claim(String who) {
        synchronized (lock) {
            setOwner(who);
        }
    }

    public void forceClaim(String who) {
        synchronized (lock) {
            setOwner(who);
        }
    }

    private void setOwner(String who) {
        owner = who;
    }

    public String owner() {
        synchronized (lock) {
            return owner;
        }
    }

    public static synchronized int instances() {
        return instances;
    }

    public Runnable instanceReporter() {
        return () -> System.out.println("instances: " + instances());
    }

    public void enqueue(String item) {
        synchronized (lock) {
            pending.add(item);
        }
    }

    public void reportLater(Executor executor) {
        executor.execute(() -> {
            synchronized (lock) {
                System.out.println("pending: " + pending.size());
            }
        });
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

    public int routeCount() {
        rw.readLock().lock();
        try {
            return routes.size();
        } finally {
            rw.readLock().unlock();
        }
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

    public CompletableFuture<Void> resetLater() {
        return CompletableFuture.runAsync(() -> {
            synchronized (genLock) {
                generation = 0;
            }
        });
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

    public class LeaseReporter implements Runnable {
        @Override
        public void run() {
            System.out.println("leases: " + leases());
        }
    }
}
