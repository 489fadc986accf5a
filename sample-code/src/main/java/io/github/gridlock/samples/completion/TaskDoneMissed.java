package io.github.gridlock.samples.completion;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;

/**
 * GL_COMPLETION_SIGNAL_MISSED. Seed {@code 001_69ed1f58e3fcc223.txt}: "{@code q.task_done()} and {@code q.join()} come
 * in pairs": the waiter blocks until every task has signalled. In Java the pair is {@code countDown()}/{@code await()}
 * (or {@code arrive()}/{@code awaitAdvance()}, or a completion semaphore). Here the signal sits after the work, so a
 * task that throws, or returns early, never signals and the coordinator waits forever. The finding is at the signal
 * that is not reached on every path.
 *
 * @see TaskDoneMissedFixed
 */
public class TaskDoneMissed {

    private final Executor executor;

    public TaskDoneMissed(Executor executor) {
        this.executor = executor;
    }

    static void process(String item) {
        if (item.isEmpty()) {
            throw new IllegalArgumentException("empty item");
        }
        System.out.println("processed " + item);
    }

    /** {@code q.task_done()} after the work: an exception in process() skips it and await() hangs. */
    public void processAll(List<String> items) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(items.size());
        for (String item : items) {
            executor.execute(() -> {
                process(item);
                done.countDown(); // expect: GL_COMPLETION_SIGNAL_MISSED
            });
        }
        done.await();
    }

    /** A Phaser party that only arrives when its work succeeded. */
    public void phased(List<String> items) {
        Phaser phaser = new Phaser(1);
        for (String item : items) {
            phaser.register();
            executor.execute(() -> {
                process(item);
                phaser.arriveAndDeregister(); // expect: GL_COMPLETION_SIGNAL_MISSED
            });
        }
        phaser.arriveAndAwaitAdvance();
    }

    /** A completion semaphore released only on the path that did not return early. */
    public void uploadAll(List<String> files) throws InterruptedException {
        Semaphore finished = new Semaphore(0);
        for (String file : files) {
            executor.execute(() -> upload(file, finished));
        }
        finished.acquire(files.size());
    }

    private static void upload(String file, Semaphore finished) {
        if (file.endsWith(".tmp")) {
            return;
        }
        System.out.println("uploaded " + file);
        finished.release(); // expect: GL_COMPLETION_SIGNAL_MISSED
    }

    /** The signal guarded by a success flag: a failed batch never counts down. */
    public void importBatches(List<String> batches) throws InterruptedException {
        CountDownLatch imported = new CountDownLatch(batches.size());
        for (String batch : batches) {
            executor.execute(new BatchImport(batch, imported));
        }
        imported.await();
    }

    static final class BatchImport implements Runnable {
        private final String batch;
        private final CountDownLatch imported;

        BatchImport(String batch, CountDownLatch imported) {
            this.batch = batch;
            this.imported = imported;
        }

        @Override
        public void run() {
            boolean ok = !batch.isBlank();
            if (ok) {
                imported.countDown(); // expect: GL_COMPLETION_SIGNAL_MISSED
            }
        }
    }
}
