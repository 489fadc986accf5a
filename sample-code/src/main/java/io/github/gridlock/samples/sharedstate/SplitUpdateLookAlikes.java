package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_SPLIT_READ_MODIFY_WRITE: a field read into a local and written back from it where no other
 * thread can write in between: a {@code ReentrantLock} held from the read to the write, a private helper every
 * caller calls under the lock, a lock handle taken in try-with-resources, a single worker thread that is the only
 * writer, configuration computed before the thread that uses it is started, a task object per thread, double-checked
 * locking (the re-read under the lock decides the write), and a class
 * with no threads at all. ({@link ReadThenWriteLookAlikes} has the synchronized method, the compare-and-set loop
 * and the confined cursor.)
 */
public class SplitUpdateLookAlikes {

    private final ReentrantLock lock = new ReentrantLock();
    private final CounterLookAlikes.AutoLock guard = new CounterLookAlikes.AutoLock();
    private long balance;
    private int stock = 10;
    private long reserved;
    private long written;
    private int retries = 3;
    private final Object expiryLock = new Object();
    private volatile long expiresAt;
    private volatile Object cached;

    /** One lock hold spans the read and the write. */
    public void pay(ExecutorService pool, List<Long> amounts) {
        for (Long amount : amounts) {
            pool.execute(() -> payOne(amount));
        }
    }

    private void payOne(long amount) {
        lock.lock();
        try {
            long before = balance;
            balance = before - amount;
        } finally {
            lock.unlock();
        }
    }

    /** The helper is private and every caller holds the lock around it. */
    public void takeAll(ExecutorService pool, int times) {
        for (int i = 0; i < times; i++) {
            pool.execute(() -> {
                synchronized (this) {
                    takeOne();
                }
            });
        }
    }

    private void takeOne() {
        int left = stock;
        if (left > 0) {
            stock = left - 1;
        }
    }

    /** A lock handle: lock() returns it holding the lock, close() releases it. */
    public void reserveAll(ExecutorService pool, List<Long> sizes) {
        for (Long size : sizes) {
            pool.execute(() -> reserveOne(size));
        }
    }

    private void reserveOne(long size) {
        try (CounterLookAlikes.AutoLock held = guard.lock()) {
            long before = reserved;
            reserved = before + size;
        }
    }

    /** One writer: only the single flusher thread reads and writes back; nobody else writes. */
    public void startFlusher(List<byte[]> chunks) {
        new Thread(() -> flushAll(chunks)).start();
    }

    private void flushAll(List<byte[]> chunks) {
        for (byte[] chunk : chunks) {
            long before = written;
            written = before + chunk.length;
        }
    }

    public long written() {
        return written;
    }

    /** Computed before start(): the thread that reads it does not exist yet. */
    public void startWithRetries(int extra) {
        int base = retries;
        retries = base + extra;
        new Thread(() -> System.out.println(retries)).start();
    }

    /** A task object per thread: each reads and writes back its own field. */
    static final class Pass implements Runnable {
        private long checksum;

        @Override
        public void run() {
            for (int i = 0; i < 10; i++) {
                long before = checksum;
                checksum = before * 31 + i;
            }
        }
    }

    public void twoPasses() throws InterruptedException {
        Thread a = new Thread(new Pass());
        Thread b = new Thread(new Pass());
        a.start();
        b.start();
        a.join();
        b.join();
    }

    /** No thread and no lock: a plain single-threaded accumulator. */
    public static final class Ledger {
        private long total;

        public void post(long amount) {
            long before = total;
            total = before + amount;
        }

        public long total() {
            return total;
        }
    }

    /**
     * Double-checked locking (Guava's {@code Suppliers.memoizeWithExpiration}): the unlocked read only decides
     * whether to take the lock; under it the field is read and compared again, and that re-read is what the write
     * depends on, so one lock spans the real read-modify-write.
     */
    public Object cachedValue(java.util.function.Supplier<Object> loader) {
        long seen = expiresAt;
        long now = System.nanoTime();
        if (now - seen >= 0) {
            synchronized (expiryLock) {
                if (seen == expiresAt) {
                    cached = loader.get();
                    expiresAt = now + 1_000_000L;
                }
            }
        }
        return cached;
    }
}
