package io.github.gridlock.samples.lifecycle;

import java.util.concurrent.BlockingQueue;

/**
 * Safe look-alike for GL_THREAD_PER_TASK: threads are started in a loop, but the loop is bounded by a small constant:
 * this is a hand-made fixed pool of four workers that share one queue (seed {@code 001_69ed1f58e3fcc223.txt}'s {@code
 * for i in range(5): t = MyThread(); t.start()} with a bounded count), not a thread per task.
 */
public class FixedWorkerGroupLookAlike {

    private static final int WORKERS = 4;

    public Thread[] startWorkers(BlockingQueue<Runnable> jobs) {
        Thread[] workers = new Thread[WORKERS];
        for (int i = 0; i < WORKERS; i++) {
            workers[i] = new Thread(() -> work(jobs), "worker-" + i);
            workers[i].start();
        }
        return workers;
    }

    static void work(BlockingQueue<Runnable> jobs) {
        try {
            while (true) {
                jobs.take().run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stop(Thread[] workers) throws InterruptedException {
        for (Thread w : workers) {
            w.interrupt();
        }
        for (Thread w : workers) {
            w.join();
        }
    }
}
