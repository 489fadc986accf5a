package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * GL_SPLIT_READ_MODIFY_WRITE in the shapes the seed's {@code temp = num; sleep; num = temp - 1} takes in real code:
 * an unsynchronized getter and setter composed by executor tasks, a read and a write-back a few statements apart in
 * asynchronous tasks, an inner-class Runnable started twice, a helper the tasks call, a queue wait between the read
 * and the write (high priority, like the seed's sleep), a running maximum kept by a pool's tasks, and a read taken
 * under a lock whose write-back is not. Each time another thread writes between the read and the write-back, and
 * its update is lost.
 *
 * @see MeterSplitRaceFixed
 */
public class MeterSplitRace {

    private final Object lock = new Object();
    private int level;
    private long usage;
    private int credits = 100;
    private long cost;
    private long drained;
    private long peak;
    private long lockedPeak;
    private int tokens = 50;

    public int getLevel() {
        return level;
    }

    public void setLevel(int value) {
        level = value;
    }

    /** The pool's tasks compose the getter and the setter. */
    public void raiseAll(ExecutorService pool, List<String> sensors) {
        for (String s : sensors) {
            pool.execute(() -> setLevel(getLevel() + s.length())); // expect: GL_SPLIT_READ_MODIFY_WRITE
        }
    }

    /** Two asynchronous tasks read, compute, and write back a few statements later. */
    public CompletableFuture<Void> meterBoth(long first, long second) {
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> addUsage(first));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> addUsage(second));
        return CompletableFuture.allOf(a, b);
    }

    private void addUsage(long amount) {
        long before = usage;
        long rounded = (amount + 99) / 100 * 100;
        usage = before + rounded; // expect: GL_SPLIT_READ_MODIFY_WRITE
    }

    /** An inner-class Runnable started on two threads spends credits. */
    private final class Spender implements Runnable {
        @Override
        public void run() {
            int left = credits;
            if (left > 0) {
                credits = left - 1; // expect: GL_SPLIT_READ_MODIFY_WRITE
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

    /** A wait for the next item between the read and the write-back: the window is as long as the queue is empty. */
    public void drainAll(ExecutorService pool, BlockingQueue<Long> items, int workers) {
        for (int i = 0; i < workers; i++) {
            pool.execute(() -> drainOne(items));
        }
    }

    private void drainOne(BlockingQueue<Long> items) {
        long before = drained;
        try {
            long next = items.take();
            drained = before + next; // expect: GL_SPLIT_READ_MODIFY_WRITE
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A running maximum: two tasks both see the old peak and the smaller value may win. */
    public void trackPeaks(ExecutorService pool, List<Long> samples) {
        for (Long sample : samples) {
            pool.execute(() -> {
                long seen = peak;
                if (sample > seen) {
                    peak = sample; // expect: GL_SPLIT_READ_MODIFY_WRITE
                }
            });
        }
    }

    /** The read is locked, the write-back is not, and the lock is released in between. */
    public void spendTokens(ExecutorService pool, int times) {
        for (int i = 0; i < times; i++) {
            pool.execute(this::spendToken);
        }
    }

    private void spendToken() {
        int left;
        synchronized (lock) {
            left = tokens;
        }
        tokens = left - 1; // expect: GL_SPLIT_READ_MODIFY_WRITE
    }

    /** The price changes while the task computes the new cost from the old one. */
    public void reprice(ExecutorService pool, List<Long> changes) {
        for (Long change : changes) {
            pool.execute(() -> {
                long old = cost;
                long next = Math.max(0, old + change);
                cost = next; // expect: GL_SPLIT_READ_MODIFY_WRITE
            });
        }
    }

    /** The check is outside the lock and not repeated under it: a smaller sample can still win (not double-checked). */
    public void trackPeaksLocked(ExecutorService pool, List<Long> samples) {
        for (Long sample : samples) {
            pool.execute(() -> {
                long seen = lockedPeak;
                if (sample > seen) {
                    synchronized (lock) {
                        lockedPeak = sample; // expect: GL_SPLIT_READ_MODIFY_WRITE
                    }
                }
            });
        }
    }
}
