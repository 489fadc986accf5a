package io.github.gridlock.samples.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fixed twin of {@link SubmitAndForget}: the results are collected and read with {@code get()} (seed {@code
 * 002_3c6ada6ae3eed539.txt}'s commented-out {@code res.result()} loop), or handled by a completion callback (the seed's
 * {@code add_done_callback(call_back)}), so every failure surfaces.
 */
public class SubmitAndForgetFixed {

    private final ExecutorService pool;
    private final ScheduledExecutorService timer;

    public SubmitAndForgetFixed(ExecutorService pool, ScheduledExecutorService timer) {
        this.pool = pool;
        this.timer = timer;
    }

    public long submitAndWait(int n) throws InterruptedException, ExecutionException {
        Future<Long> f = pool.submit(() -> SubmitAndForget.task(n));
        return f.get();
    }

    public List<Long> submitAll(List<Integer> inputs) throws InterruptedException, ExecutionException {
        List<Future<Long>> futures = new ArrayList<>();
        for (int n : inputs) {
            futures.add(pool.submit(() -> SubmitAndForget.task(n)));
        }
        List<Long> out = new ArrayList<>();
        for (Future<Long> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    /** The seed's {@code add_done_callback(call_back)}: the callback sees both the result and the failure. */
    public void withCallback(int n) {
        CompletableFuture.supplyAsync(() -> SubmitAndForget.task(n), pool).whenComplete((result, error) -> {
            if (error != null) {
                System.err.println("task failed: " + error);
            } else {
                System.out.println("call_back>>>: " + result);
            }
        });
    }

    public boolean withResult(Runnable job) throws InterruptedException, ExecutionException {
        return pool.submit(job, Boolean.TRUE).get();
    }

    /** The failure is logged by the stage's own handler. */
    public void runInBackground(int n) {
        CompletableFuture.runAsync(() -> SubmitAndForget.task(n), pool).exceptionally(error -> {
            System.err.println("task failed: " + error);
            return null;
        });
    }

    /** The end of the chain is observed: handle() sees the task's failure as well as its result. */
    public void chainAndDrop(int n) {
        CompletableFuture.supplyAsync(() -> SubmitAndForget.task(n), pool).thenApply(r -> r * 2).handle((r, error) -> {
            System.out.println(error == null ? "square " + r : "failed: " + error);
            return r;
        });
    }

    public CompletableFuture<Long> chainThroughLocal(int n) {
        CompletableFuture<Long> square = CompletableFuture.supplyAsync(() -> SubmitAndForget.task(n), pool);
        return square.thenApply(r -> r * 2);
    }

    public long later(int n) throws InterruptedException, ExecutionException {
        ScheduledFuture<Long> square = timer.schedule(() -> SubmitAndForget.task(n), 1, TimeUnit.SECONDS);
        return square.get();
    }

    /** A periodic task that catches everything it can throw: nothing is left for its Future to report. */
    public void every(int n) {
        timer.scheduleAtFixedRate(() -> {
            try {
                SubmitAndForget.task(n);
            } catch (RuntimeException e) {
                System.err.println("run failed, next run in a second: " + e);
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    public Future<?> throughHelper(Runnable job) {
        return submitLater(job);
    }

    private Future<?> submitLater(Runnable job) {
        return pool.submit(job);
    }
}
