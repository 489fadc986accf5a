package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_LOCK_NOT_RELEASED look-alikes and one finding: methods that return a {@code boolean} saying whether they left
 * the lock held, as {@code tryLock()} does (Guava's {@code Monitor.enterIf/tryEnterIf}, whose callers write
 * {@code if (monitor.enterIf(guard)) { try { ... } finally { monitor.leave(); } }}). Returning true holding the
 * lock is then the method's contract, not a leak. A boolean method that returns the same value with and without the
 * lock keeps no such contract: its leaking return is a finding.
 */
public class BooleanAcquireLookAlikes {

    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> items = new ArrayList<>();

    /** Enters when the guard holds: true holding the lock, false without it. */
    public boolean enterIf(BooleanSupplier guard) {
        lock.lock();
        boolean satisfied = false;
        try {
            return satisfied = guard.getAsBoolean();
        } finally {
            if (!satisfied) {
                lock.unlock();
            }
        }
    }

    /** The same without waiting for the lock. */
    public boolean tryEnterIf(BooleanSupplier guard) {
        if (!lock.tryLock()) {
            return false;
        }
        boolean satisfied = false;
        try {
            return satisfied = guard.getAsBoolean();
        } finally {
            if (!satisfied) {
                lock.unlock();
            }
        }
    }

    /** Leaves what enterIf entered. */
    public void leave() {
        lock.unlock();
    }

    /** A caller of the contract. */
    public void addIfRoom(String item) {
        if (enterIf(() -> items.size() < 10)) {
            try {
                items.add(item);
            } finally {
                leave();
            }
        }
    }

    /** The finding: "full" returns false still holding the lock (false should mean "not held"). */
    public boolean offer(String item) {
        lock.lock(); // expect: GL_LOCK_NOT_RELEASED
        if (items.size() >= 10) {
            return false;
        }
        items.add(item);
        lock.unlock();
        return true;
    }
}
