package io.github.gridlock.samples.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Fixed twin of {@link SubmitAndForget}: the results are collected and read with {@code get()} (seed {@code
 * 002_3c6ada6ae3eed539.txt}'s commented-out {@code res.result()} loop), or handled by a completion callback (the seed's
 * {@code add_done_callback(call_back)}), so every failure surfaces.
 */
public class SubmitAndForgetFixed {

    private final ExecutorService pool;

    public SubmitAndForgetFixed(ExecutorService pool) {
        this.pool = pool;
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
}
