package io.github.gridlock.agent.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The task of {@code CompletableFuture.supplyAsync}/{@code runAsync}, wrapped so that the watchdog knows which thread
 * computes which future (a thread joining the future waits for that thread), and so that the thread running it works
 * for the test of the thread that handed it over. The program never sees the wrapper: the future does not expose its
 * task. (An exception thrown by the task shows one more frame, {@code AsyncTask.get} or {@code run}, in its stack.)
 */
final class AsyncTask implements Supplier<Object>, Runnable {
    private final Supplier<?> supplier;
    private final Runnable runnable;
    private final String test;
    /** Set just after the future is made; a task that starts before is found by the watchdog all the same. */
    volatile CompletableFuture<?> future;

    AsyncTask(Supplier<?> supplier, Runnable runnable, String test) {
        this.supplier = supplier;
        this.runnable = runnable;
        this.test = test;
    }

    @Override
    public Object get() {
        ThreadState ts = LockHooks.stateOrNull();
        AsyncTask outer = enter(ts);
        String previousTest = tag(ts);
        try {
            return supplier.get();
        } finally {
            untag(ts, previousTest);
            exit(ts, outer);
        }
    }

    @Override
    public void run() {
        ThreadState ts = LockHooks.stateOrNull();
        AsyncTask outer = enter(ts);
        String previousTest = tag(ts);
        try {
            runnable.run();
        } finally {
            untag(ts, previousTest);
            exit(ts, outer);
        }
    }

    private AsyncTask enter(ThreadState ts) {
        if (ts == null) {
            return null;
        }
        AsyncTask outer = ts.shared.runningTask;
        ts.shared.runningTask = this;
        return outer;
    }

    private static void exit(ThreadState ts, AsyncTask outer) {
        if (ts != null) {
            ts.shared.runningTask = outer;
        }
    }

    private String tag(ThreadState ts) {
        if (ts == null || test == null) {
            return null;
        }
        String previous = ts.shared.test;
        ts.shared.test = test;
        return previous;
    }

    private void untag(ThreadState ts, String previous) {
        if (ts != null && test != null) {
            ts.shared.test = previous;
        }
    }

    @Override
    public String toString() {
        return String.valueOf(supplier != null ? supplier : runnable);
    }
}
