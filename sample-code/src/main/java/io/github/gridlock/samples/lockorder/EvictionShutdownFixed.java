package io.github.gridlock.samples.lockorder;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fixed twins of {@link EvictionShutdownDeadlock}: the lock is released before the wait (the executor to
 * stop is taken out under the lock, then awaited outside it), or the task no longer needs the lock.
 */
public final class EvictionShutdownFixed {

    private static ScheduledThreadPoolExecutor executor;
    private static int pools;

    private EvictionShutdownFixed() {
    }

    public static synchronized void schedule(Runnable evictor) {
        if (executor == null) {
            executor = new ScheduledThreadPoolExecutor(1);
            executor.scheduleWithFixedDelay(new Reaper(), 1, 1, TimeUnit.SECONDS);
        }
        pools++;
        executor.scheduleWithFixedDelay(evictor, 1, 1, TimeUnit.SECONDS);
    }

    public static void cancel() throws InterruptedException {
        ScheduledThreadPoolExecutor stopping = null;
        synchronized (EvictionShutdownFixed.class) {
            if (--pools == 0) {
                stopping = executor;
                executor = null;
                stopping.shutdown();
            }
        }
        if (stopping != null) {
            stopping.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static synchronized void reapCancelled() {
        if (executor != null) {
            executor.purge();
        }
    }

    private static final class Reaper implements Runnable {
        @Override
        public void run() {
            reapCancelled();
        }
    }

    /** The {@code join()} form, fixed: the stopping thread joins after it has let go of the monitor. */
    public static final class Spooler {
        private final Thread worker = new Thread(this::drain, "spooler");
        private int pending;

        public void start() {
            worker.start();
        }

        private void drain() {
            synchronized (this) {
                pending = 0;
            }
        }

        public void stop() throws InterruptedException {
            synchronized (this) {
                pending = -1;
            }
            worker.interrupt();
            worker.join();
        }
    }

    /** The {@code Future.get()} form, fixed: the task reads a snapshot and takes no lock. */
    public static final class Indexer {
        private final ReentrantLock lock = new ReentrantLock();
        private final ExecutorService pool = Executors.newSingleThreadExecutor();
        private volatile int size;

        public int rebuild() throws InterruptedException, ExecutionException {
            Future<Integer> counted;
            lock.lock();
            try {
                counted = pool.submit(this::count);
            } finally {
                lock.unlock();
            }
            return counted.get();
        }

        private int count() {
            return size;
        }
    }
}
