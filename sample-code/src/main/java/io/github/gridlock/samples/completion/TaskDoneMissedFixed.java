package io.github.gridlock.samples.completion;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
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

    public void importBatches(List<String> batches) throws InterruptedException {
        CountDownLatch imported = new CountDownLatch(batches.size());
        for (String batch : batches) {
            executor.execute(new BatchImport(batch, imported));
        }
        imported.await();
    }

    /** Counts every batch, imported or not; the waiter checks the outcome elsewhere. */
    static final class BatchImport implements Runnable {
        private final String batch;
        private final CountDownLatch imported;

        BatchImport(String batch, CountDownLatch imported) {
            this.batch = batch;
            this.imported = imported;
        }

        @Override
        public void run() {
            try {
                if (!batch.isBlank()) {
                    TaskDoneMissed.process(batch);
                }
            } finally {
                imported.countDown();
            }
        }
    }

    static final class Consumer implements Runnable {
        private final BlockingQueue<String> queue;
        private final CountDownLatch finished;

        Consumer(BlockingQueue<String> queue, CountDownLatch finished) {
            this.queue = queue;
            this.finished = finished;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    String item = queue.take();
                    try {
                        TaskDoneMissed.process(item);
                    } finally {
                        finished.countDown();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void consume(BlockingQueue<String> queue, int items) throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(items);
        executor.execute(new Consumer(queue, finished));
        finished.await();
    }

    public CompletableFuture<String> load(String key) {
        CompletableFuture<String> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                String value = key.trim();
                TaskDoneMissed.process(value);
                result.complete(value);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    public void perItem(List<String> items) throws InterruptedException {
        CountDownLatch counted = new CountDownLatch(items.size());
        executor.execute(() -> {
            for (String item : items) {
                try {
                    if (item.isBlank()) {
                        continue;
                    }
                    TaskDoneMissed.process(item);
                } finally {
                    counted.countDown();
                }
            }
        });
        counted.await();
    }

    public void tolerant(List<String> items) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(items.size());
        for (String item : items) {
            executor.execute(() -> {
                try {
                    TaskDoneMissed.process(item);
                } catch (IllegalArgumentException e) {
                    System.err.println("skipped " + item + ": " + e.getMessage());
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
    }

    public void throttled(List<String> files) throws InterruptedException {
        Semaphore inFlight = new Semaphore(4);
        for (String file : files) {
            inFlight.acquire();
            try {
                executor.execute(() -> {
                    try {
                        TaskDoneMissed.process(file);
                    } finally {
                        inFlight.release();
                    }
                });
            } catch (RuntimeException rejected) {
                inFlight.release(); // the executor refused the task: its permit comes back here
                throw rejected;
            }
        }
    }

    static final class Fetcher extends Thread {
        private final String url;
        private final ConcurrentMap<String, String> pages;
        private final CountDownLatch fetched;

        Fetcher(String url, ConcurrentMap<String, String> pages, CountDownLatch fetched) {
            this.url = url;
            this.pages = pages;
            this.fetched = fetched;
        }

        @Override
        public void run() {
            try {
                TaskDoneMissed.process(url);
                pages.put(url, "<html/>");
            } finally {
                fetched.countDown();
            }
        }
    }

    public void fetchAll(List<String> urls, ConcurrentMap<String, String> pages) throws InterruptedException {
        CountDownLatch fetched = new CountDownLatch(urls.size());
        for (String url : urls) {
            new Fetcher(url, pages, fetched).start();
        }
        fetched.await();
    }

    public void resolveAll(List<String> keys, Map<String, String> table) throws InterruptedException {
        CountDownLatch resolved = new CountDownLatch(keys.size());
        for (String key : keys) {
            executor.execute(() -> {
                try {
                    String value = table.get(key);
                    if (value == null) {
                        throw new IllegalStateException("no entry for " + key);
                    }
                } finally {
                    resolved.countDown();
                }
            });
        }
        resolved.await();
    }

    public CompletableFuture<Integer> parse(String text) {
        CompletableFuture<Integer> parsed = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                TaskDoneMissed.process(text);
                parsed.complete(text.length());
            } catch (RuntimeException e) {
                TaskDoneMissed.logFailure(text, e);
                parsed.completeExceptionally(e);
            }
        });
        return parsed;
    }
}
