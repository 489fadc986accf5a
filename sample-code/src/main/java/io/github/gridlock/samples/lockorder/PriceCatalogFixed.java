package io.github.gridlock.samples.lockorder;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Fixed twin of {@link PriceCatalogDeadlock}: the lambda takes the catalog lock first too. */
public class PriceCatalogFixed {

    private final ReadWriteLock catalogLock = new ReentrantReadWriteLock();
    private final ReadWriteLock pricesLock = new ReentrantReadWriteLock();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Long> prices = new HashMap<>();

    public void rename(String sku, String name) {
        catalogLock.writeLock().lock();
        try {
            names.put(sku, name);
            pricesLock.writeLock().lock();
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
            catalogLock.writeLock().lock();
            try {
                names.putIfAbsent(sku, sku);
                pricesLock.writeLock().lock();
                try {
                    prices.put(sku, cents);
                } finally {
                    pricesLock.writeLock().unlock();
                }
            } finally {
                catalogLock.writeLock().unlock();
            }
        };
    }
}
