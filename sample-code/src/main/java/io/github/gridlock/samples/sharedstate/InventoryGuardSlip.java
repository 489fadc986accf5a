package io.github.gridlock.samples.sharedstate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_INCONSISTENT_GUARD. The seeds' rule, "the lock makes the code inside run serially", only holds if
 * <em>every</em> access takes the lock. Here each field is guarded everywhere but one place: an unlocked read
 * can see a half-updated map (HashMap is not safe for concurrent read and write) or a stale value, and an
 * unlocked write races with the guarded ones. The finding is at the unguarded access.
 *
 * @see InventoryGuardSlipFixed
 */
public class InventoryGuardSlip {

    private final Object lock = new Object();
    private final ReentrantLock auditLock = new ReentrantLock();

    /** Guarded by {@code lock} in all accesses but one (inferred from majority of accesses). */
    private final Map<String, Integer> stock = new HashMap<>();

    @GuardedBy("lock")
    private int reservations;

    /** Guarded by {@code auditLock} in all accesses but one. */
    private final List<String> audit = new ArrayList<>();

    public void add(String item, int qty) {
        synchronized (lock) {
            stock.merge(item, qty, Integer::sum);
        }
    }

    public boolean reserve(String item) {
        synchronized (lock) {
            Integer left = stock.get(item);
            if (left == null || left == 0) {
                return false;
            }
            stock.put(item, left - 1);
            reservations++;
            return true;
        }
    }

    public int reservations() {
        synchronized (lock) {
            return reservations;
        }
    }

    /** Reads the map without the lock while reserve()/add() may be rehashing it. */
    public int available(String item) {
        return stock.getOrDefault(item, 0); // expect-low: GL_INCONSISTENT_GUARD
    }

    /** Writes an annotated field without its lock. */
    public void resetReservations() {
        reservations = 0; // expect: GL_INCONSISTENT_GUARD
    }

    public void record(String event) {
        auditLock.lock();
        try {
            audit.add(event);
        } finally {
            auditLock.unlock();
        }
    }

    public void clearAudit() {
        auditLock.lock();
        try {
            audit.clear();
        } finally {
            auditLock.unlock();
        }
    }

    public List<String> auditTrail() {
        auditLock.lock();
        try {
            return new ArrayList<>(audit);
        } finally {
            auditLock.unlock();
        }
    }

    /** The one access that forgot the ReentrantLock, from a lambda run on another thread. */
    public Runnable auditSizeReporter() {
        return () -> System.out.println("audit entries: " + audit.size()); // expect-low: GL_INCONSISTENT_GUARD
    }
}
