package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Look-alike for GL_LOCK_ORDER_INVERSION (reported only at LOW priority, below SpotBugs' default threshold, so
 * it carries no marker): a cycle made only of READ locks. {@code totals} holds the prices' read lock and takes
 * the rates' read lock, {@code reverseTotals} the other way round. Read locks are shared, so two readers never
 * wait for each other.
 *
 * <p>In general a read-read cycle is not entirely safe: a {@link ReentrantReadWriteLock} makes a new reader
 * wait behind a writer that is already queued, so a queued writer on each lock can close the cycle. That is why
 * the checker still reports it, at low priority. Here it is truly safe because the writers never queue: they
 * only ever {@code tryLock()} the write lock (untimed, it never waits) and skip the refresh when a reader is
 * inside.
 */
public class ReadReadLookAlike {

    private final ReentrantReadWriteLock prices = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock rates = new ReentrantReadWriteLock();
    private long price = 100;
    private long rate = 2;

    public long totals() {
        prices.readLock().lock();
        try {
            rates.readLock().lock(); // expect-low: GL_LOCK_ORDER_INVERSION
            try {
                return price * rate;
            } finally {
                rates.readLock().unlock();
            }
        } finally {
            prices.readLock().unlock();
        }
    }

    public long reverseTotals() {
        rates.readLock().lock();
        try {
            prices.readLock().lock();
            try {
                return rate * price;
            } finally {
                prices.readLock().unlock();
            }
        } finally {
            rates.readLock().unlock();
        }
    }

    /** A writer that never waits: if a reader is inside, the refresh is skipped. */
    public boolean refreshPrice(long newPrice) {
        if (!prices.writeLock().tryLock()) {
            return false;
        }
        try {
            price = newPrice;
            return true;
        } finally {
            prices.writeLock().unlock();
        }
    }

    /** A writer that never waits: if a reader is inside, the refresh is skipped. */
    public boolean refreshRate(long newRate) {
        if (!rates.writeLock().tryLock()) {
            return false;
        }
        try {
            rate = newRate;
            return true;
        } finally {
            rates.writeLock().unlock();
        }
    }
}
