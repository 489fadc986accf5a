package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * GL_VOLATILE_COUNTER in more shapes: a volatile id sequence handed out to any caller, a volatile counted up by
 * the tasks of an executor, counted down by an inner-class Runnable on two threads, a volatile sum built by a helper
 * of asynchronous tasks, {@code x = x + d} written out in full, and an update that one method makes under a lock and
 * another without it. In each, the volatile makes the reads and writes visible but two threads still read the same
 * value and both write it back changed: one update is lost.
 *
 * @see SequenceVolatileFixed
 */
public class SequenceVolatile {

    private static volatile long nextId;
    private volatile int inFlight;
    private volatile int permits = 10;
    private volatile double totalSeconds;
    private volatile long lastSeen;
    private volatile int resets;

    /** A sequence: two callers may get the same id (low priority: only callers run it, see the pattern page). */
    public static long newId() {
        return nextId++; // expect-low: GL_VOLATILE_COUNTER
    }

    /** The tasks of an executor count up at once. */
    public void submitAll(ExecutorService pool, List<Runnable> jobs) {
        for (Runnable job : jobs) {
            pool.execute(() -> {
                inFlight++; // expect: GL_VOLATILE_COUNTER
                job.run();
            });
        }
    }

    /** An inner-class Runnable started twice takes permits. */
    private final class Taker implements Runnable {
        @Override
        public void run() {
            permits--; // expect: GL_VOLATILE_COUNTER
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

    /** Asynchronous tasks add their time through a helper. */
    public CompletableFuture<Void> timeBoth(Runnable first, Runnable second) {
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> timed(first));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> timed(second));
        return CompletableFuture.allOf(a, b);
    }

    private void timed(Runnable job) {
        long start = System.nanoTime();
        job.run();
        totalSeconds += (System.nanoTime() - start) / 1e9; // expect: GL_VOLATILE_COUNTER
    }

    /** The same read-modify-write, written out (low priority: only callers run it). */
    public void advance(long delta) {
        lastSeen = lastSeen + delta; // expect-low: GL_VOLATILE_COUNTER
    }

    /**
     * Locked here, not in {@link #resetQuickly()}: the lock does not keep the unlocked update out (low priority: only
     * callers run them).
     */
    public synchronized void reset() {
        resets++;
    }

    public void resetQuickly() {
        resets++; // expect-low: GL_VOLATILE_COUNTER
    }

    public int inFlight() {
        return inFlight;
    }

    public int permits() {
        return permits;
    }

    public double totalSeconds() {
        return totalSeconds;
    }

    public long lastSeen() {
        return lastSeen;
    }

    public int resets() {
        return resets;
    }
}
