package io.github.gridlock.samples.sharedstate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** Fixed twin of {@link InventoryGuardSlip}: the three slips take the same lock as every other access. */
public class InventoryGuardSlipFixed {

    private final Object lock = new Object();
    private final ReentrantLock auditLock = new ReentrantLock();
    private final Map<String, Integer> stock = new HashMap<>();

    @GuardedBy("lock")
    private int reservations;

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

    public int available(String item) {
        synchronized (lock) {
            return stock.getOrDefault(item, 0);
        }
    }

    public void resetReservations() {
        synchronized (lock) {
            reservations = 0;
        }
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

    public Runnable auditSizeReporter() {
        return () -> {
            auditLock.lock();
            try {
                System.out.println("audit entries: " + audit.size());
            } finally {
                auditLock.unlock();
            }
        };
    }
}
