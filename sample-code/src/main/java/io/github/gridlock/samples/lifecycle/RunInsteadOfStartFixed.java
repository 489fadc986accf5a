package io.github.gridlock.samples.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Fixed twin of {@link RunInsteadOfStart}: threads are started with {@code start()} and joined where the caller
 * needs the result; where running on the caller's thread was what was wanted, a plain Runnable is used and no
 * Thread is created at all.
 */
public class RunInsteadOfStartFixed {

    private final ThreadFactory threads;
    private final Thread flusher = new ReportWorker(List.of("flush"));

    public RunInsteadOfStartFixed(ThreadFactory threads) {
        this.threads = threads;
    }

    public void seedFourWorkers() throws InterruptedException {
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(RunInsteadOfStart::work, "worker-" + i);
            t.start();
            started.add(t);
        }
        for (Thread t : started) {
            t.join();
        }
    }

    public void subclassStarted(List<String> batch) throws InterruptedException {
        ReportWorker w = new ReportWorker(batch);
        w.start();
        w.join();
    }

    /** Wanted on the caller's thread after all: say so with a plain Runnable, not a Thread. */
    public void runHere(List<String> batch) {
        Runnable r = () -> batch.forEach(System.out::println);
        r.run();
    }

    public int fromFactoryMethod(List<String> batch) throws InterruptedException {
        ReportWorker w = ReportWorker.forBatch(batch);
        w.start();
        w.join();
        return w.printed();
    }

    public Thread fromThreadFactory(Runnable task) {
        Thread t = threads.newThread(task);
        t.start();
        return t;
    }

    public void startBoth(Runnable left, Runnable right) throws InterruptedException {
        Thread a = new Thread(left, "left");
        Thread b = new Thread(right, "right");
        a.start();
        b.start();
        a.join();
        b.join();
    }

    public void flushInBackground() {
        flusher.start();
    }
}
