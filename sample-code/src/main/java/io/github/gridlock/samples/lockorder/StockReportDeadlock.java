package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * GL_LOCK_ORDER_INVERSION between two {@link ReentrantReadWriteLock}s, with read locks held while write locks
 * are wanted. {@code snapshot} holds the stock's read lock and wants the report's write lock;
 * {@code restockFromReport} holds the report's read lock and wants the stock's write lock. A write lock waits
 * for every reader to leave, so each thread waits for the other's read hold: a deadlock with no writer
 * outside the cycle needed. (Only a cycle in which every hold and every wait is a read lock is reported at
 * low priority; see {@link ReadReadLookAlike}.) Reported once, at snapshot's report write lock.
 *
 * @see StockReportFixed
 */
public class StockReportDeadlock {

    private final ReentrantReadWriteLock stockLock = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock reportLock = new ReentrantReadWriteLock();
    private int stock = 5;
    private String report = "";

    public void snapshot() {
        stockLock.readLock().lock();
        try {
            reportLock.writeLock().lock(); // expect: GL_LOCK_ORDER_INVERSION
            try {
                report = "stock: " + stock;
            } finally {
                reportLock.writeLock().unlock();
            }
        } finally {
            stockLock.readLock().unlock();
        }
    }

    public void restockFromReport() {
        reportLock.readLock().lock();
        try {
            stockLock.writeLock().lock();
            try {
                stock = report.length();
            } finally {
                stockLock.writeLock().unlock();
            }
        } finally {
            reportLock.readLock().unlock();
        }
    }
}
