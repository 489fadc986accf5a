package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** Fixed twin of {@link SequenceVolatile}: atomics, an adder, and every update of {@code resets} under the lock. */
public class SequenceVolatileFixed {

    private static final AtomicLong NEXT_ID = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger permits = new AtomicInteger(10);
    private final DoubleAdder totalSeconds = new DoubleAdder();
    private final AtomicLong lastSeen = new AtomicLong();
    private volatile int resets;

    public static long newId() {
        return NEXT_ID.getAndIncrement();
    }

    public void submitAll(ExecutorService pool, List<Runnable> jobs) {
        for (Runnable job : jobs) {
            pool.execute(() -> {
                inFlight.incrementAndGet();
                job.run();
            });
        }
    }

    private final class Taker implements Runnable {
        @Override
        public void run() {
            permits.decrementAndGet();
        }
    }

    public void takeTwice() throws InterruptedException {
        Thread a = new Thread(new Taker());
        Thread b = new Thread(new Taker());
        a.start();
        b.start();
        a.join();
        b.join();
    }

    public CompletableFuture<Void> timeBoth(Runnable first, Runnable second) {
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> timed(first));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> timed(second));
        return CompletableFuture.allOf(a, b);
    }

    private void timed(Runnable job) {
        long start = System.nanoTime();
        job.run();
        totalSeconds.add((System.nanoTime() - start) / 1e9);
    }

    public void advance(long delta) {
        lastSeen.addAndGet(delta);
    }

    public synchronized void reset() {
        resets++;
    }

    public synchronized void resetQuickly() {
        resets++;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int permits() {
        return permits.get();
    }

    public double totalSeconds() {
        return totalSeconds.sum();
    }

    public long lastSeen() {
        return lastSeen.get();
    }

    public int resets() {
        return resets;
    }
}
