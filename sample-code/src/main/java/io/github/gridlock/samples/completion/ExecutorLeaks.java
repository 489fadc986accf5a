package io.github.gridlock.samples.completion;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * GL_EXECUTOR_NOT_SHUTDOWN beyond the seed ({@link PoolNeverShutDown}): executors shut down on some paths only
 * (an early return, one branch, the normal path but not an exception's), made anew per loop iteration, handed only
 * to a JDK call that uses them ({@code runAsync(task, pool)}), and kept in private fields that no method of the
 * class ever shuts down (fb-contrib's {@code HES_EXECUTOR_NEVER_SHUTDOWN}). Every shape leaks worker threads; the
 * non-daemon ones also keep the JVM from exiting.
 *
 * @see ExecutorLeaksFixed
 */
public class ExecutorLeaks {

    /** Every instance starts four threads nobody ever stops. */
    private final ExecutorService indexers = Executors.newFixedThreadPool(4); // expect: GL_EXECUTOR_NOT_SHUTDOWN

    /** One scheduler for the life of the program, made on first use: low (one pool), but it still blocks JVM exit. */
    private static ScheduledExecutorService ticker;

    static void index(String doc) {
        if (doc.isEmpty()) {
            throw new IllegalArgumentException("empty document");
        }
    }

    public void indexAll(List<String> docs) {
        for (String d : docs) {
            indexers.execute(() -> index(d));
        }
    }

    public static synchronized void tick(Runnable r) {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(); // expect-low: GL_EXECUTOR_NOT_SHUTDOWN
        }
        ticker.execute(r);
    }

    /** The early return for an empty batch skips the shutdown at the end. */
    public void batch(List<String> docs) {
        ExecutorService pool = Executors.newFixedThreadPool(2); // expect: GL_EXECUTOR_NOT_SHUTDOWN
        if (docs.isEmpty()) {
            return;
        }
        for (String d : docs) {
            pool.execute(() -> index(d));
        }
        pool.shutdown();
    }

    /** Shut down only when the caller asked to wait. */
    public void maybeWait(List<String> docs, boolean wait) throws InterruptedException {
        ExecutorService pool = Executors.newCachedThreadPool(); // expect: GL_EXECUTOR_NOT_SHUTDOWN
        for (String d : docs) {
            pool.execute(() -> index(d));
        }
        if (wait) {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** get() rethrows a task's failure, and the shutdown after it never runs: leaked on the exception path only. */
    public void firstResult(String doc) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newSingleThreadExecutor(); // expect-low: GL_EXECUTOR_NOT_SHUTDOWN
        Future<?> done = pool.submit(() -> index(doc));
        done.get();
        pool.shutdown();
    }

    /** A new single-thread executor per document: one leaked thread per iteration. */
    public void onePoolPerDoc(List<String> docs) {
        for (String d : docs) {
            ExecutorService single = Executors.newSingleThreadExecutor(); // expect: GL_EXECUTOR_NOT_SHUTDOWN
            single.execute(() -> index(d));
        }
    }

    /** runAsync uses the pool; it does not take ownership of it. */
    public CompletableFuture<Void> async(String doc) {
        ExecutorService pool = Executors.newFixedThreadPool(1); // expect: GL_EXECUTOR_NOT_SHUTDOWN
        return CompletableFuture.runAsync(() -> index(doc), pool);
    }

    /** A ForkJoinPool's workers are daemon threads that end when idle: low, but each call still makes a pool. */
    public long sum(List<Long> values) {
        ForkJoinPool pool = new ForkJoinPool(2); // expect-low: GL_EXECUTOR_NOT_SHUTDOWN
        return pool.submit(() -> values.parallelStream().mapToLong(Long::longValue).sum()).join();
    }
}
