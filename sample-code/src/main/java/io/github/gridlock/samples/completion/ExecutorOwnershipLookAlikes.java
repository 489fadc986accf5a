package io.github.gridlock.samples.completion;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Safe look-alikes for GL_EXECUTOR_NOT_SHUTDOWN: an executor is created and not shut down in the creating
 * method, but ownership leaves the method (returned to the caller, or stored in a field that
 * {@code close()} shuts down), or the pool is the shared common pool that nobody may shut down.
 */
public class ExecutorOwnershipLookAlikes {

    private final ExecutorService workers;

    public ExecutorOwnershipLookAlikes(int threads) {
        this.workers = Executors.newFixedThreadPool(threads);
    }

    /** A factory: the caller owns (and must shut down) the pool. */
    public static ExecutorService newIoPool() {
        ExecutorService pool = Executors.newCachedThreadPool();
        return pool;
    }

    /** The shared common pool is never shut down by its users. */
    public void background(Runnable job) {
        ForkJoinPool common = ForkJoinPool.commonPool();
        common.execute(job);
    }

    public void run(Runnable job) {
        workers.execute(job);
    }

    public void close() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
