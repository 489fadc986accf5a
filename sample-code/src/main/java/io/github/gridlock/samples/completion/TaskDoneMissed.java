package io.github.gridlock.samples.completion;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;

/**
 * GL_COMPLETION_SIGNAL_MISSED. Seed {@code 001_69ed1f58e3fcc223.txt}: "{@code q.task_done()} and {@code q.join()} come
 * in pairs": the waiter blocks until every task has signalled. In Java the pair is {@code countDown()}/{@code await()}
 * (or {@code arrive()}/{@code awaitAdvance()}, or a completion semaphore). Here the signal sits after the work, so a
 * task that throws, or returns early, never signals and the coordinator waits forever. The finding is at the signal
 * that is not reached on every path. Beyond the seed: a queue consumer that counts each item it finishes (the
 * {@code task_done()} loop itself), a {@code CompletableFuture} completed on success only, a {@code continue} and a
 * {@code catch} that skip the count, a submission permit released after the work, a Thread subclass, a {@code throw}
 * that checks what the work looked up, a catch that only logs what it hands on.
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

    /** The {@code task_done()} loop: each item taken is counted after it is processed; a failing item is not. */
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
                    process(item);
                    finished.countDown(); // expect: GL_COMPLETION_SIGNAL_MISSED
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

    /** Completed with the value, never completed exceptionally: a failing load() leaves join() waiting forever. */
    public CompletableFuture<String> load(String key) {
        CompletableFuture<String> result = new CompletableFuture<>();
        executor.execute(() -> {
            String value = key.trim();
            process(value);
            result.complete(value); // expect: GL_COMPLETION_SIGNAL_MISSED
        });
        return result;
    }

    /** One task over many items, one count per item: the continue for a blank item skips the count. */
    public void perItem(List<String> items) throws InterruptedException {
        CountDownLatch counted = new CountDownLatch(items.size());
        executor.execute(() -> {
            for (String item : items) {
                if (item.isBlank()) {
                    continue;
                }
                process(item);
                counted.countDown(); // expect: GL_COMPLETION_SIGNAL_MISSED
            }
        });
        counted.await();
    }

    /** The signal inside the try: the catch logs the failure and forgets the count. */
    public void tolerant(List<String> items) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(items.size());
        for (String item : items) {
            executor.execute(() -> {
                try {
                    process(item);
                    done.countDown(); // expect: GL_COMPLETION_SIGNAL_MISSED
                } catch (IllegalArgumentException e) {
                    System.err.println("skipped " + item + ": " + e.getMessage());
                }
            });
        }
        done.await();
    }

    /** At most four uploads in flight: a failing upload never gives its permit back, and submission stops. */
    public void throttled(List<String> files) throws InterruptedException {
        Semaphore inFlight = new Semaphore(4);
        for (String file : files) {
            inFlight.acquire();
            try {
                executor.execute(() -> {
                    process(file);
                    inFlight.release(); // expect: GL_COMPLETION_SIGNAL_MISSED
                });
            } catch (RuntimeException rejected) {
                inFlight.release(); // the executor refused the task: its permit comes back here
                throw rejected;
            }
        }
    }

    /** A Thread subclass that stores its result, then counts down. */
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
            process(url);
            pages.put(url, "<html/>");
            fetched.countDown(); // expect: GL_COMPLETION_SIGNAL_MISSED
        }
    }

    public void fetchAll(List<String> urls, ConcurrentMap<String, String> pages) throws InterruptedException {
        CountDownLatch fetched = new CountDownLatch(urls.size());
        for (String url : urls) {
            new Fetcher(url, pages, fetched).start();
        }
        fetched.await();
    }

    /**
     * The task checks what it looked up and throws when it is missing: the throw follows the work (a lookup), so it is
     * a failure of the work, not a precondition of the call, and the count is skipped.
     */
    public void resolveAll(List<String> keys, Map<String, String> table) throws InterruptedException {
        CountDownLatch resolved = new CountDownLatch(keys.size());
        for (String key : keys) {
            executor.execute(() -> {
                String value = table.get(key);
                if (value == null) {
                    throw new IllegalStateException("no entry for " + key);
                }
                resolved.countDown(); // expect: GL_COMPLETION_SIGNAL_MISSED
            });
        }
        resolved.await();
    }

    /** The catch hands the failure to a method that only logs it: the future is never completed exceptionally. */
    public CompletableFuture<Integer> parse(String text) {
        CompletableFuture<Integer> parsed = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                process(text);
                parsed.complete(text.length()); // expect: GL_COMPLETION_SIGNAL_MISSED
            } catch (RuntimeException e) {
                logFailure(text, e);
            }
        });
        return parsed;
    }

    static void logFailure(String what, Exception e) {
        System.err.println("cannot parse " + what + ": " + e);
    }
}
