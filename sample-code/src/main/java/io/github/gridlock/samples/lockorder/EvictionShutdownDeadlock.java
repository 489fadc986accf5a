package io.github.gridlock.samples.lockorder;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waiting, with a lock held, for work that needs that lock (the commons-pool2 2.12.0 {@code EvictionTimer}
 * shape): {@link #cancel} holds the class's monitor while it waits for the executor's tasks to end, and the
 * running task ({@link Reaper}) is blocked on that same monitor. With the timeout, every shutdown that meets a
 * running task waits out the full ten seconds; without it, the two threads would never move again.
 */
public final class EvictionShutdownDeadlock {

    private static ScheduledThreadPoolExecutor executor;
    private static int pools;

    private EvictionShutdownDeadlock() {
    }

    public static synchronized void schedule(Runnable evictor) {
        if (executor == null) {
            executor = new ScheduledThreadPoolExecutor(1);
            executor.scheduleWithFixedDelay(new Reaper(), 1, 1, TimeUnit.SECONDS);
        }
        pools++;
        executor.scheduleWithFixedDelay(evictor, 1, 1, TimeUnit.SECONDS);
    }

    public static synchronized void cancel() throws InterruptedException {
        if (--pools == 0) {
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS); // expect: GL_BLOCKING_WHILE_LOCKED
            executor = null;
        }
    }

    private static synchronized void reapCancelled() {
        executor.purge();
    }

    /** The housekeeping task: it needs the class's monitor, which {@link #cancel} holds while it waits. */
    private static final class Reaper implements Runnable {
        @Override
        public void run() {
            reapCancelled();
        }
    }

    /** The {@code join()} form: the worker's body locks the stopping object, which holds its own monitor. */
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

        public synchronized void stop() throws InterruptedException {
            worker.interrupt();
            worker.join(); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    /** The {@code Future.get()} form: the submitted task takes the lock its submitter holds while it waits. */
    public static final class Indexer {
        private final ReentrantLock lock = new ReentrantLock();
        private final ExecutorService pool = Executors.newSingleThreadExecutor();
        private int size;

        public int rebuild() throws InterruptedException, ExecutionException {
            lock.lock();
            try {
                Future<Integer> counted = pool.submit(this::count);
                return counted.get(); // expect: GL_BLOCKING_WHILE_LOCKED
            } finally {
                lock.unlock();
            }
        }

        private int count() {
            lock.lock();
            try {
                return size;
            } finally {
                lock.unlock();
            }
        }
    }
}
