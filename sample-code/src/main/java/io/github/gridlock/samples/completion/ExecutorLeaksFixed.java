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
 * Fixed twin of {@link ExecutorLeaks}: every local executor is shut down in a {@code finally} (or when the async
 * work completes), and the field executors are shut down by {@code close()}.
 */
public class ExecutorLeaksFixed implements AutoCloseable {

    private final ExecutorService indexers = Executors.newFixedThreadPool(4);

    private static ScheduledExecutorService ticker;

    public void indexAll(List<String> docs) {
        for (String d : docs) {
            indexers.execute(() -> ExecutorLeaks.index(d));
        }
    }

    public static synchronized void tick(Runnable r) {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor();
        }
        ticker.execute(r);
    }

    /** Stops the ticker for the whole program (called once, at exit). */
    public static synchronized void stopTicker() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    @Override
    public void close() {
        indexers.shutdown();
    }

    public void batch(List<String> docs) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            if (docs.isEmpty()) {
                return;
            }
            for (String d : docs) {
                pool.execute(() -> ExecutorLeaks.index(d));
            }
        } finally {
            pool.shutdown();
        }
    }

    public void maybeWait(List<String> docs, boolean wait) throws InterruptedException {
        ExecutorService pool = Executors.newCachedThreadPool();
        for (String d : docs) {
            pool.execute(() -> ExecutorLeaks.index(d));
        }
        pool.shutdown();
        if (wait) {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    public void firstResult(String doc) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> done = pool.submit(() -> ExecutorLeaks.index(doc));
            done.get();
        } finally {
            pool.shutdown();
        }
    }

    public void onePoolPerDoc(List<String> docs) {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            for (String d : docs) {
                single.execute(() -> ExecutorLeaks.index(d));
            }
        } finally {
            single.shutdown();
        }
    }

    /** The pool goes away once the work is done, whatever its outcome. */
    public CompletableFuture<Void> async(String doc) {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            return CompletableFuture.runAsync(() -> ExecutorLeaks.index(doc), pool);
        } finally {
            pool.shutdown(); // already-submitted work still runs
        }
    }

    public long sum(List<Long> values) {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            return pool.submit(() -> values.parallelStream().mapToLong(Long::longValue).sum()).join();
        } finally {
            pool.shutdown();
        }
    }
}
