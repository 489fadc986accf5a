package io.github.gridlock.samples.completion;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;

/**
 * Fixed twin of {@link TaskDoneMissed}: every task signals in {@code finally} (Python's {@code task_done()} in a
 * {@code try/finally}), so the waiter is released whether the task succeeded, failed or returned early.
 */
public class TaskDoneMissedFixed {

    private final Executor executor;

    public TaskDoneMissedFixed(Executor executor) {
        this.executor = executor;
    }

    public void processAll(List<String> items) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(items.size());
        for (String item : items) {
            executor.execute(() -> {
                try {
                    TaskDoneMissed.process(item);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
    }

    public void phased(List<String> items) {
        Phaser phaser = new Phaser(1);
        for (String item : items) {
            phaser.register();
            executor.execute(() -> {
                try {
                    TaskDoneMissed.process(item);
                } finally {
                    phaser.arriveAndDeregister();
                }
            });
        }
        phaser.arriveAndAwaitAdvance();
    }

    public void uploadAll(List<String> files) throws InterruptedException {
        Semaphore finished = new Semaphore(0);
        for (String file : files) {
            executor.execute(() -> upload(file, finished));
        }
        finished.acquire(files.size());
    }

    private static void upload(String file, Semaphore finished) {
        try {
            if (file.endsWith(".tmp")) {
                return;
            }
            System.out.println("uploaded " + file);
        } finally {
            finished.release();
        }
    }
}
