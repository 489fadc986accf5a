package io.github.gridlock.samples.completion;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * GL_FUTURE_IGNORED. Seed {@code 002_3c6ada6ae3eed539.txt}: {@code pool.submit(task, 1)}, "submit a task to the pool,
 * asynchronously", with nothing kept. With {@code submit()} the task's exception is captured in the returned Future;
 * drop the Future and the failure vanishes without a trace (unlike {@code execute()}, where it reaches the uncaught
 * exception handler). The finding is at the {@code submit}.
 *
 * @see SubmitAndForgetFixed
 */
public class SubmitAndForget {

    private final ExecutorService pool;
    private final ScheduledExecutorService timer;

    public SubmitAndForget(ExecutorService pool, ScheduledExecutorService timer) {
        this.pool = pool;
        this.timer = timer;
    }

    static long task(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative: " + n);
        }
        return (long) n * n;
    }

    /** The seed's {@code pool.submit(task, 1)}: the result statement is dropped on the floor. */
    public void fireAndForget(int n) {
        pool.submit(() -> task(n)); // expect: GL_FUTURE_IGNORED
    }

    /** Twenty submissions in a loop, none kept. */
    public void submitAll(List<Integer> inputs) {
        for (int n : inputs) {
            pool.submit(() -> System.out.println(task(n))); // expect: GL_FUTURE_IGNORED
        }
    }

    /** Stored in a local that is never read again: the same as dropping it. */
    public void storedButUnused(Callable<String> job) {
        Future<String> pending = pool.submit(job); // expect: GL_FUTURE_IGNORED
        System.out.println("submitted " + job);
    }

    /** Two results handed to submit(Runnable, result): the Future that would carry the failure is dropped. */
    public void withResult(Runnable job) {
        pool.submit(job, Boolean.TRUE); // expect: GL_FUTURE_IGNORED
    }

    /** runAsync on the caller's pool: the CompletableFuture holds the exception, and nobody asks it. */
    public void runInBackground(int n) {
        CompletableFuture.runAsync(() -> task(n), pool); // expect: GL_FUTURE_IGNORED
    }

    /** A chained stage is dropped too: thenAccept's stage fails with the task's exception, and nobody looks at it. */
    public void chainAndDrop(int n) {
        CompletableFuture.supplyAsync(() -> task(n), pool).thenAccept(r -> System.out.println("square " + r)); // expect: GL_FUTURE_IGNORED
    }

    /** The same through a local: the stage made from it is dropped. */
    public void chainThroughLocal(int n) {
        CompletableFuture<Long> square = CompletableFuture.supplyAsync(() -> task(n), pool); // expect: GL_FUTURE_IGNORED
        square.thenApply(r -> r * 2);
    }

    /** A delayed task: when it throws, its ScheduledFuture keeps the exception, and nobody has it. */
    public void later(int n) {
        timer.schedule(() -> task(n), 1, TimeUnit.SECONDS); // expect: GL_FUTURE_IGNORED
    }

    /** A periodic task that throws is cancelled without a word: every later run is silently suppressed. */
    public void every(int n) {
        timer.scheduleAtFixedRate(() -> task(n), 0, 1, TimeUnit.SECONDS); // expect: GL_FUTURE_IGNORED
    }

    /** A helper that returns the Future is fine; the caller that drops it is not. */
    public void throughHelper(Runnable job) {
        submitLater(job); // expect: GL_FUTURE_IGNORED
    }

    private Future<?> submitLater(Runnable job) {
        return pool.submit(job);
    }

    /**
     * One of two task objects chosen by a conditional: the cleaner logs its failures, the compactor does not. Either
     * may run, and the compactor's exception vanishes in the dropped Future.
     */
    private final Cleaner cleaner = new Cleaner();
    private final Compactor compactor = new Compactor();

    public void maintain(boolean compact, int n) {
        compactor.n = n;
        pool.submit(compact ? compactor : cleaner); // expect: GL_FUTURE_IGNORED
    }

    private static final class Cleaner implements Runnable {
        @Override
        public void run() {
            try {
                task(-1);
            } catch (IllegalArgumentException e) {
                System.err.println("clean-up failed: " + e);
            }
        }
    }

    private static final class Compactor implements Runnable {
        volatile int n;

        @Override
        public void run() {
            System.out.println("compacted " + task(n));
        }
    }
}
