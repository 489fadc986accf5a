package io.github.gridlock.samples.lockorder;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * GL_LOCK_ORDER_INVERSION with the write halves of two {@link ReadWriteLock}s, one direction of the cycle inside a
 * lambda. Write locks are exclusive, so they deadlock exactly like seed {@code 001_69ed1f58e3fcc223.txt}'s {@code
 * A}/{@code B}: {@code rename()} holds the catalog and wants the prices, the repricing task holds the prices and wants
 * the catalog. One finding, at the earlier inner acquisition (rename's prices write lock).
 *
 * @see PriceCatalogFixed
 */
public class PriceCatalogDeadlock {

    private final ReadWriteLock catalogLock = new ReentrantReadWriteLock();
    private final ReadWriteLock pricesLock = new ReentrantReadWriteLock();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Long> prices = new HashMap<>();

    public void rename(String sku, String name) {
        catalogLock.writeLock().lock();
        try {
            names.put(sku, name);
            pricesLock.writeLock().lock(); // expect: GL_LOCK_ORDER_INVERSION
            try {
                prices.putIfAbsent(sku, 0L);
            } finally {
                pricesLock.writeLock().unlock();
            }
        } finally {
            catalogLock.writeLock().unlock();
        }
    }

    public Runnable repricingTask(String sku, long cents) {
        return () -> {
            pricesLock.writeLock().lock();
            try {
                prices.put(sku, cents);
                catalogLock.writeLock().lock();
                try {
                    names.putIfAbsent(sku, sku);
                } finally {
                    catalogLock.writeLock().unlock();
                }
            } finally {
                pricesLock.writeLock().unlock();
            }
        };
    }
}
