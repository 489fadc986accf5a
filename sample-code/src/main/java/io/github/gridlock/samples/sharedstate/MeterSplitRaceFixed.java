package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed twin of {@link MeterSplitRace}: atomic updates ({@code updateAndGet}, {@code accumulateAndGet},
 * {@code addAndGet}) where the new value is computed from the old one, and one lock held from the read to the
 * write where the update is not a single function of the old value; the queue wait is moved out of the window.
 */
public class MeterSplitRaceFixed {

    private final Object lock = new Object();
    private final AtomicInteger level = new AtomicInteger();
    private final AtomicLong usage = new AtomicLong();
    private int credits = 100;
    private final AtomicLong cost = new AtomicLong();
    private final AtomicLong drained = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private int tokens = 50;

    public int getLevel() {
        return level.get();
    }

    public void raiseAll(ExecutorService pool, List<String> sensors) {
        for (String s : sensors) {
            pool.execute(() -> level.addAndGet(s.length()));
        }
    }

    public CompletableFuture<Void> meterBoth(long first, long second) {
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> addUsage(first));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> addUsage(second));
        return CompletableFuture.allOf(a, b);
    }

    private void addUsage(long amount) {
        long rounded = (amount + 99) / 100 * 100;
        usage.addAndGet(rounded);
    }

    private final class Spender implements Runnable {
        @Override
        public void run() {
            synchronized (lock) {
                int left = credits;
                if (left > 0) {
                    credits = left - 1;
                }
            }
        }
    }

    public void spendTwice() throws InterruptedException {
        Thread a = new Thread(new Spender());
        Thread b = new Thread(new Spender());
        a.start();
        b.start();
        a.join();
        b.join();
    }

    public void drainAll(ExecutorService pool, BlockingQueue<Long> items, int workers) {
        for (int i = 0; i < workers; i++) {
            pool.execute(() -> drainOne(items));
        }
    }

    private void drainOne(BlockingQueue<Long> items) {
        try {
            long next = items.take();
            drained.addAndGet(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void trackPeaks(ExecutorService pool, List<Long> samples) {
        for (Long sample : samples) {
            pool.execute(() -> peak.accumulateAndGet(sample, Math::max));
        }
    }

    public void spendTokens(ExecutorService pool, int times) {
        for (int i = 0; i < times; i++) {
            pool.execute(this::spendToken);
        }
    }

    private void spendToken() {
        synchronized (lock) {
            int left = tokens;
            tokens = left - 1;
        }
    }

    public void reprice(ExecutorService pool, List<Long> changes) {
        for (Long change : changes) {
            pool.execute(() -> cost.updateAndGet(old -> Math.max(0, old + change)));
        }
    }
}
