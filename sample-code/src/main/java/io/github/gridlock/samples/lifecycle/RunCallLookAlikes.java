package io.github.gridlock.samples.lifecycle;

import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Safe look-alikes for GL_RUN_INSTEAD_OF_START: every {@code run()} call here is on something that is NOT a
 * started-or-startable {@link Thread}, or is the legitimate chaining inside a Thread's own {@code run()}.
 * A detector that flags every call named {@code run} (or every receiver whose class name contains "Thread")
 * would report all of these.
 */
public class RunCallLookAlikes {

    /** {@code super.run()} inside a Thread subclass's run(): runs the wrapped target on this (started) thread. */
    public static class LoggingThread extends Thread {
        public LoggingThread(Runnable target) {
            super(target, "logging");
        }

        @Override
        public void run() {
            System.out.println("begin " + getName());
            super.run();
            System.out.println("end " + getName());
        }
    }

    /** A Thread subclass that runs its wrapped Runnable ({@code target.run()}) inside its own run(). */
    public static class GuardedThread extends Thread {
        private final Runnable target;

        public GuardedThread(Runnable target) {
            super("guarded");
            this.target = target;
        }

        @Override
        public void run() {
            try {
                target.run();
            } catch (RuntimeException e) {
                System.err.println("task failed: " + e);
            }
        }
    }

    /** A Thread subclass whose run() calls its own run-like helper, not Thread.run(). */
    public static class BatchThread extends Thread {
        private final int batches;

        public BatchThread(int batches) {
            super("batches");
            this.batches = batches;
        }

        void runBatch(int n) {
            System.out.println("batch " + n);
        }

        @Override
        public void run() {
            for (int n = 1; n <= batches; n++) {
                runBatch(n);
            }
        }
    }

    /** Name contains "Thread", but it is only a Runnable: running it on the caller is the intent. */
    public static class ThreadSafeReport implements Runnable {
        @Override
        public void run() {
            System.out.println("report");
        }
    }

    /** A class with an unrelated {@code run()} method. */
    public static class Pipeline {
        public int run() {
            return 0;
        }
    }

    public void plainRunnable(Runnable task) {
        task.run();
    }

    public void lambda() {
        Runnable r = () -> System.out.println("inline");
        r.run();
    }

    public void threadNamedRunnable() {
        new ThreadSafeReport().run();
    }

    public int unrelatedRun() {
        return new Pipeline().run();
    }

    /** FutureTask.run() on the caller's thread is how a FutureTask is meant to be driven synchronously. */
    public <V> V futureTaskInline(Callable<V> work) throws InterruptedException, ExecutionException {
        FutureTask<V> f = new FutureTask<>(work);
        f.run();
        return f.get();
    }

    /** A TimerTask is a Runnable, not a Thread. */
    public void timerTaskInline() {
        TimerTask tick = new TimerTask() {
            @Override
            public void run() {
                System.out.println("tick");
            }
        };
        tick.run();
    }

    /** The Thread subclasses above, used properly. */
    public void startThem(Runnable job) throws InterruptedException {
        Thread a = new LoggingThread(job);
        Thread b = new GuardedThread(job);
        Thread c = new BatchThread(3);
        a.start();
        b.start();
        c.start();
        a.join();
        b.join();
        c.join();
    }
}
