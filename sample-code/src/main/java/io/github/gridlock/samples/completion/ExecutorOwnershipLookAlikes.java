package io.github.gridlock.samples.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Safe look-alikes for GL_EXECUTOR_NOT_SHUTDOWN: an executor is created and not shut down in the creating method,
 * but ownership leaves the method, or the shutdown is on every path in a shape a naive checker misreads:
 * <ul>
 * <li>stored in a field that {@code close()} shuts down (directly or through a helper), or that a getter hands out;</li>
 * <li>returned to the caller, bare or wrapped ({@code unconfigurableExecutorService});</li>
 * <li>handed to an owner object, added to a list of pools that {@code close()} shuts down, captured by a shutdown
 * hook;</li>
 * <li>a local that starts as {@code null} and is shut down in {@code finally} when set;</li>
 * <li>{@code shutdownNow()} on the failure path and {@code shutdown()} on the normal one;</li>
 * <li>the shared common pool, which nobody may shut down.</li>
 * </ul>
 */
public class ExecutorOwnershipLookAlikes {

    private final ExecutorService workers;
    private final ExecutorService flushers = Executors.newSingleThreadExecutor();
    private final ExecutorService shared = Executors.newFixedThreadPool(2);
    private final List<ExecutorService> pools = new ArrayList<>();

    public ExecutorOwnershipLookAlikes(int threads) {
        this.workers = Executors.newFixedThreadPool(threads);
    }

    /** A factory: the caller owns (and must shut down) the pool. */
    public static ExecutorService newIoPool() {
        ExecutorService pool = Executors.newCachedThreadPool();
        return pool;
    }

    /** Wrapped and returned: still the caller's to shut down. */
    public static ExecutorService newLockedDownPool() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        return Executors.unconfigurableExecutorService(pool);
    }

    /** The shared common pool is never shut down by its users. */
    public void background(Runnable job) {
        ForkJoinPool common = ForkJoinPool.commonPool();
        common.execute(job);
    }

    /** The owner takes the pool and shuts it down in its own close(). */
    public PoolOwner ownedElsewhere() {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        return new PoolOwner(pool);
    }

    /** Each extra pool goes into a list that close() shuts down. */
    public ExecutorService extraPool() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pools.add(pool);
        return pools.get(pools.size() - 1);
    }

    /** A shutdown hook captures the pool: it is shut down when the JVM exits. */
    public void untilExit(Runnable job) {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Runtime.getRuntime().addShutdownHook(new Thread(pool::shutdown));
        pool.execute(job);
    }

    /** null until made; the finally shuts it down whenever it was made. */
    public void nullUntilMade(List<Runnable> jobs) {
        ExecutorService pool = null;
        try {
            pool = Executors.newFixedThreadPool(jobs.size());
            for (Runnable job : jobs) {
                pool.execute(job);
            }
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    /** The failure path stops everything at once; the normal path lets queued work finish. */
    public void stopHardOnFailure(List<Runnable> jobs) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Runnable job : jobs) {
                pool.execute(job);
            }
        } catch (RuntimeException e) {
            pool.shutdownNow();
            throw e;
        }
        pool.shutdown();
    }

    /** Callers get the shared pool and the duty that comes with it. */
    public ExecutorService sharedPool() {
        return shared;
    }

    public void run(Runnable job) {
        workers.execute(job);
        flushers.execute(job);
    }

    public void close() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        stop(flushers);
        for (ExecutorService p : pools) {
            p.shutdown();
        }
    }

    private static void stop(ExecutorService executor) {
        executor.shutdownNow();
    }

    /** Holds a pool it was given and shuts it down when closed. */
    public static final class PoolOwner implements AutoCloseable {
        private final ExecutorService pool;

        PoolOwner(ExecutorService pool) {
            this.pool = pool;
        }

        public void run(Runnable job) {
            pool.execute(job);
        }

        @Override
        public void close() {
            pool.shutdown();
        }
    }
}
