package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed twin of {@link DispatchDeadlock}: one global order for the holder's locks, ORDERS before STOCK, on every path
 * (seed {@code 004_9b7a5e9ccfbf269c.txt}: rank the locks, take them only in ascending rank). It locks its own holder so
 * that its edges cannot join the hazard's cycle.
 */
public class DispatchFixed {

    /** The same two locks as {@link DispatchLocks}, for this twin only. */
    static final class Locks {
        static final Object ORDERS = new Object();
        static final ReentrantLock STOCK = new ReentrantLock();

        private Locks() {
        }
    }

    private final List<String> openOrders = new ArrayList<>();
    private int unitsInStock = 10;

    public void placeOrder(String sku) {
        synchronized (Locks.ORDERS) {
            openOrders.add(sku);
            Locks.STOCK.lock();
            try {
                unitsInStock -= 1;
            } finally {
                Locks.STOCK.unlock();
            }
        }
    }

    public void restock(int units) {
        synchronized (Locks.ORDERS) {
            openOrders.clear();
            Locks.STOCK.lock();
            try {
                unitsInStock += units;
            } finally {
                Locks.STOCK.unlock();
            }
        }
    }
}
