package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Fixed twin of {@link StockReportDeadlock}: read what is needed under one lock, release it, then take the
 * other lock alone. No lock is held while another is wanted.
 */
public class StockReportFixed {

    private final ReentrantReadWriteLock stockLock = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock reportLock = new ReentrantReadWriteLock();
    private int stock = 5;
    private String report = "";

    public void snapshot() {
        int current;
        stockLock.readLock().lock();
        try {
            current = stock;
        } finally {
            stockLock.readLock().unlock();
        }
        reportLock.writeLock().lock();
        try {
            report = "stock: " + current;
        } finally {
            reportLock.writeLock().unlock();
        }
    }

    public void restockFromReport() {
        int length;
        reportLock.readLock().lock();
        try {
            length = report.length();
        } finally {
            reportLock.readLock().unlock();
        }
        stockLock.writeLock().lock();
        try {
            stock = length;
        } finally {
            stockLock.writeLock().unlock();
        }
    }
}
