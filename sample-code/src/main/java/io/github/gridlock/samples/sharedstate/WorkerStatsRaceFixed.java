package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fixed twin of {@link WorkerStatsRace}: {@code LongAdder} for statistics, atomics for values read back, and a
 * lock for the back-off that is read and doubled.
 */
public class WorkerStatsRaceFixed {

    private final LongAdder processed = new LongAdder();
    private final AtomicLong bytesIn = new AtomicLong();
    private final LongAdder failures = new LongAdder();
    private final AtomicInteger ticks = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private final Object backoffLock = new Object();
    private long backoffMillis = 1;
    private final AtomicInteger queued = new AtomicInteger();

    public void processAll(ExecutorService pool, List<String> items) {
        for (String item : items) {
            pool.execute(processed::increment);
        }
    }

    public CompletableFuture<Void> download(byte[] first, byte[] second) {
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> bytesIn.addAndGet(first.length));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> bytesIn.addAndGet(second.length));
        return CompletableFuture.allOf(a, b);
    }

    public void runAll(ExecutorService pool, List<Runnable> jobs) {
        for (Runnable job : jobs) {
            pool.execute(() -> runCounted(job));
        }
    }

    private void runCounted(Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            failures.increment();
        }
    }

    public int tickWhileWorking() throws InterruptedException {
        Thread worker = new Thread(ticks::incrementAndGet);
        worker.start();
        ticks.incrementAndGet();
        worker.join();
        return ticks.get();
    }

    private final class Poller extends Thread {
        @Override
        public void run() {
            polls.incrementAndGet();
        }
    }

    public int pollTwice() throws InterruptedException {
        Poller a = new Poller();
        Poller b = new Poller();
        a.start();
        b.start();
        a.join();
        b.join();
        return polls.get();
    }

    public void backOffOnFailure(ExecutorService pool, List<Runnable> jobs) {
        for (Runnable job : jobs) {
            pool.execute(() -> {
                if (!tryRun(job)) {
                    synchronized (backoffLock) {
                        backoffMillis *= 2;
                    }
                }
            });
        }
    }

    private static boolean tryRun(Runnable job) {
        try {
            job.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public void startQueueing() {
        new Thread(this::enqueue).start();
    }

    private void enqueue() {
        queued.incrementAndGet();
    }

    public void dequeue() {
        queued.decrementAndGet();
    }
}
