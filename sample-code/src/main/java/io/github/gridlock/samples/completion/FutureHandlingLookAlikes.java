package io.github.gridlock.samples.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Safe look-alikes for GL_FUTURE_IGNORED: work handed to a pool without reading a Future here, where that is
 * fine: {@code execute()} returns no Future (failures reach the uncaught-exception handler), a {@code submit()} whose
 * Future is returned belongs to the caller, who may cancel or read it; a Future kept in a field, collected in a list
 * that is joined, handed to a tracker, read on one path only, or observed by a callback at the end of a chain; and a
 * task that catches every exception itself, so that its Future has nothing to report.
 */
public class FutureHandlingLookAlikes {

    private final ExecutorService pool;

    public FutureHandlingLookAlikes(ExecutorService pool) {
        this.pool = pool;
    }

    public void execute(Runnable job) {
        pool.execute(job);
    }

    public Future<?> submitForCaller(Runnable job) {
        return pool.submit(job);
    }

    /** Kept so that it can be cancelled on shutdown. */
    private Future<?> poller;

    public synchronized void startPolling(Runnable poll) {
        poller = pool.submit(poll);
    }

    public synchronized void stopPolling() {
        if (poller != null) {
            poller.cancel(true);
        }
    }

    /** Collected, then joined all at once: every failure surfaces in join(). */
    public void all(List<Runnable> jobs) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Runnable job : jobs) {
            running.add(CompletableFuture.runAsync(job, pool));
        }
        CompletableFuture.allOf(running.toArray(new CompletableFuture[0])).join();
    }

    /** Handed to a tracker that reports failures. */
    public void tracked(Runnable job) {
        track(pool.submit(job));
    }

    private static void track(Future<?> f) {
        System.out.println("tracking " + f);
    }

    /** Read on one path only: the analysis cannot tell which, and a read is an observer. */
    public void maybeWait(Runnable job, boolean wait) throws InterruptedException, ExecutionException {
        Future<?> f = pool.submit(job);
        if (wait) {
            f.get();
        }
    }

    /** A bounded get() is as good as get(). */
    public Object bounded(Runnable job) throws InterruptedException, ExecutionException, TimeoutException {
        Future<?> f = pool.submit(job);
        return f.get(5, TimeUnit.SECONDS);
    }

    /** A chain that ends with whenComplete: the callback sees the failure of every stage before it. */
    public void chainObserved(Runnable job) {
        CompletableFuture.runAsync(job, pool).thenRun(() -> System.out.println("done")).whenComplete((v, error) -> {
            if (error != null) {
                System.err.println("failed: " + error);
            }
        });
    }

    /** A task that catches Throwable around all it does cannot fail: its dropped Future would carry nothing. */
    public void safeTask(Runnable job) {
        pool.submit(() -> {
            try {
                job.run();
            } catch (Throwable t) {
                System.err.println("job failed: " + t);
            }
        });
    }

    /**
     * A task that handles the failures its author expected one call down (the I/O error is caught and logged in
     * {@code reloadQuietly}) and does a little more outside the catch: only an unexpected exception would be lost
     * in the dropped Future. Libraries write their background tasks this way; low priority.
     */
    public void refreshInBackground(java.nio.file.Path file) {
        pool.submit(() -> refresh(file)); // expect-low: GL_FUTURE_IGNORED
    }

    private final List<String> lines = new ArrayList<>();

    private void refresh(java.nio.file.Path file) {
        reloadQuietly(file);
        synchronized (lines) {
            lines.removeIf(String::isEmpty);
        }
    }

    private void reloadQuietly(java.nio.file.Path file) {
        try {
            List<String> read = java.nio.file.Files.readAllLines(file);
            synchronized (lines) {
                lines.clear();
                lines.addAll(read);
            }
        } catch (java.io.IOException e) {
            System.err.println("reload of " + file + " failed: " + e);
        }
    }

    /**
     * The same through a task object kept in a field, as connection pools write it: the opener's {@code call()}
     * does its work in a {@code try/finally}; the failure it expects is caught and logged by the outer class's
     * {@code openQuietly()}. Low priority.
     */
    private final Opener opener = new Opener();

    public void topUp() {
        pool.submit(opener); // expect-low: GL_FUTURE_IGNORED
    }

    /**
     * One of two such task objects, chosen by a conditional (HikariCP's {@code fillPool}: {@code isAfterAdd ?
     * postFillPoolEntryCreator : poolEntryCreator}): each candidate handles its expected failure, so the dropped
     * Future is low priority as for one field.
     */
    private final Opener afterAddOpener = new Opener();

    public void topUp(boolean afterAdd) {
        pool.submit(afterAdd ? afterAddOpener : opener); // expect-low: GL_FUTURE_IGNORED
    }

    private String openQuietly() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("conn.cfg"));
        } catch (java.io.IOException e) {
            System.err.println("cannot open: " + e);
            return null;
        }
    }

    private final class Opener implements java.util.concurrent.Callable<Boolean> {
        @Override
        public Boolean call() {
            boolean added = false;
            try {
                String conn = openQuietly();
                if (conn != null) {
                    synchronized (lines) {
                        added = lines.add(conn);
                    }
                }
            } finally {
                System.err.println(added ? "added" : "not added");
            }
            return Boolean.FALSE;
        }
    }
}
