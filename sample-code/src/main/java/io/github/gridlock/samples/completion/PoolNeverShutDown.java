package io.github.gridlock.samples.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * GL_EXECUTOR_NOT_SHUTDOWN. Seed {@code 002_3c6ada6ae3eed539.txt}'s pool: {@code pool = ThreadPoolExecutor(5)} (or
 * {@code ProcessPoolExecutor(5)}), twenty {@code submit}s, and the {@code pool.shutdown()} line commented out. A Java
 * pool made in a method and never shut down leaks its worker threads on every call; they are non-daemon, so the JVM
 * cannot exit either. The finding is at the executor's creation.
 *
 * @see PoolNeverShutDownFixed
 */
public class PoolNeverShutDown {

    static long task(int n) {
        return (long) n * n;
    }

    /** The seed: submit twenty tasks, read the results in order, forget the pool. */
    public List<Long> squares() throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(5); // expect: GL_EXECUTOR_NOT_SHUTDOWN
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            results.add(pool.submit(() -> task(n)));
        }
        List<Long> out = new ArrayList<>();
        for (Future<Long> f : results) {
            out.add(f.get());
        }
        return out;
    }

    /** A hand-built ThreadPoolExecutor used for one batch of execute() calls. */
    public void fanOut(List<Runnable> jobs) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>()); // expect: GL_EXECUTOR_NOT_SHUTDOWN
        for (Runnable job : jobs) {
            pool.execute(job);
        }
    }

    /** A scheduler created for one delayed reminder. */
    public void remindLater(Runnable reminder) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(); // expect: GL_EXECUTOR_NOT_SHUTDOWN
        timer.schedule(reminder, 5, TimeUnit.SECONDS); // expect: GL_FUTURE_IGNORED
    }
}
