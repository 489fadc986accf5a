package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * GL_UNSYNCHRONIZED_COUNTER in the shapes real code hides the seed's {@code g_num += 1} behind: tasks of an
 * executor, asynchronous futures, a helper the tasks call, a thread and the code that started it, a
 * {@code Thread} subclass started twice, a compound assignment other than {@code +=}, and a public method racing
 * with the thread the class started. Each update reads, computes and writes; two threads interleave and one
 * update is lost.
 *
 * @see WorkerStatsRaceFixed
 */
public class WorkerStatsRace {

    private int processed;
    private long bytesIn;
    private int failures;
    private int ticks;
    private int polls;
    private long backoffMillis = 1;
    private int queued;

    /** One task per item: the pool runs several of them at once. */
    public void processAll(ExecutorService pool, List<String> items) {
        for (String item : items) {
            pool.execute(() -> processed++); // expect: GL_UNSYNCHRONIZED_COUNTER
        }
    }

    /** Two asynchronous tasks add to one total. */
    public CompletableFuture<Void> download(byte[] first, byte[] second) {
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> bytesIn += first.length); // expect: GL_UNSYNCHRONIZED_COUNTER
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> bytesIn += second.length); // expect: GL_UNSYNCHRONIZED_COUNTER
        return CompletableFuture.allOf(a, b);
    }

    /** The increment hides in a helper that the pool's tasks call. */
    public void runAll(ExecutorService pool, List<Runnable> jobs) {
        for (Runnable job : jobs) {
            pool.execute(() -> runCounted(job));
        }
    }

    private void runCounted(Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            failures++; // expect: GL_UNSYNCHRONIZED_COUNTER
        }
    }

    /** The worker and the thread that started it both count, between start() and join(). */
    public int tickWhileWorking() throws InterruptedException {
        Thread worker = new Thread(() -> ticks++); // expect: GL_UNSYNCHRONIZED_COUNTER
        worker.start();
        ticks++; // expect: GL_UNSYNCHRONIZED_COUNTER
        worker.join();
        return ticks;
    }

    /** A Thread subclass: two of them run the same run() at once on the outer object's field. */
    private final class Poller extends Thread {
        @Override
        public void run() {
            polls++; // expect: GL_UNSYNCHRONIZED_COUNTER
        }
    }

    public int pollTwice() throws InterruptedException {
        Poller a = new Poller();
        Poller b = new Poller();
        a.start();
        b.start();
        a.join();
        b.join();
        return polls;
    }

    /** {@code *=} is as much a read-modify-write as {@code ++}: each failing task doubles the shared back-off. */
    public void backOffOnFailure(ExecutorService pool, List<Runnable> jobs) {
        for (Runnable job : jobs) {
            pool.execute(() -> {
                if (!tryRun(job)) {
                    backoffMillis *= 2; // expect: GL_UNSYNCHRONIZED_COUNTER
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

    /**
     * The thread this class starts counts up while any caller of dequeue() counts down. Low priority: dequeue() is not
     * the code that started the thread, and on real libraries such public methods were mostly called on that same
     * thread by contract (an I/O thread) or on another object; the message says what it assumes.
     */
    public void startQueueing() {
        new Thread(this::enqueue).start();
    }

    private void enqueue() {
        queued++; // expect-low: GL_UNSYNCHRONIZED_COUNTER
    }

    public void dequeue() {
        queued--; // expect-low: GL_UNSYNCHRONIZED_COUNTER
    }
}
