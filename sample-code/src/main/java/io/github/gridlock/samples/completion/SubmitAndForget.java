package io.github.gridlock.samples.completion;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

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

    public SubmitAndForget(ExecutorService pool) {
        this.pool = pool;
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
}
