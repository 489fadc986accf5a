package io.github.gridlock.samples.sharedstate;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_VOLATILE_COUNTER: a volatile counted by exactly one thread (a heartbeat) and read by
 * others, a volatile flag that is only stored, a volatile updated only under a {@code ReentrantLock} with lock-free
 * reads, a volatile updated only through a private helper every caller calls under the lock, a volatile progress
 * counter in a task object of its own per thread, and a volatile counted in the constructor.
 * ({@link CheapReadWriteLockLookAlike} is the synchronized form of the lock idiom.)
 */
public class VolatileLookAlikes {

    private final ReentrantLock lock = new ReentrantLock();
    private volatile long beats;
    private volatile boolean running;
    private volatile int version;
    private volatile int generation;
    private volatile int created;

    public VolatileLookAlikes(int initial) {
        for (int i = 0; i < initial; i++) {
            created++;
        }
    }

    /** One writer: only the heartbeat thread counts; everyone else just reads. */
    public void startHeartbeat() {
        running = true;
        new Thread(this::beat).start();
    }

    private void beat() {
        while (running) {
            beats++;
        }
    }

    public void stop() {
        running = false;
    }

    public long beats() {
        return beats;
    }

    /** Updated only under the lock; read without it. */
    public void bumpVersion() {
        lock.lock();
        try {
            version++;
        } finally {
            lock.unlock();
        }
    }

    public int version() {
        return version;
    }

    /** The helper is private and called only with the lock held. */
    public void nextGeneration() {
        lock.lock();
        try {
            advanceGeneration();
        } finally {
            lock.unlock();
        }
    }

    private void advanceGeneration() {
        generation += 1;
    }

    public int generation() {
        return generation;
    }

    /** A progress counter per task object: each thread counts into the volatile of its own object. */
    static final class Download implements Runnable {
        private volatile long received;

        @Override
        public void run() {
            for (int i = 0; i < 100; i++) {
                received += 512;
            }
        }
    }

    public void twoDownloads() throws InterruptedException {
        Thread a = new Thread(new Download());
        Thread b = new Thread(new Download());
        a.start();
        b.start();
        a.join();
        b.join();
    }

    public int created() {
        return created;
    }
}
