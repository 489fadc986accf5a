package io.github.gridlock.samples.completion;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Safe look-alikes for GL_COMPLETION_SIGNAL_MISSED: a signal that is not in a {@code finally}, yet every path of the
 * unit of work reaches one, or that nobody waits on for completion:
 * <ul>
 * <li>the normal path and a catch of {@code Throwable} both signal; an early return signals before returning;</li>
 * <li>the signal comes first (a start gate), in a task or on the caller's thread;</li>
 * <li>a queue consumer counts each item in a {@code finally}; a future is completed exceptionally in a catch-all;</li>
 * <li>"last one out": only the task that brings a shared counter to zero signals, the others have nothing to signal;</li>
 * <li>an optional latch tested for {@code null};</li>
 * <li>a conditional signal on the caller's own thread (no task: the caller decides when it is ready);</li>
 * <li>only bookkeeping that cannot throw precedes the signal (field writes through setters and accessors);</li>
 * <li>a precondition {@code throw} before any work: the caller broke the contract, no work failed;</li>
 * <li>a catch that hands the failure to a method that completes the future exceptionally, or retries.</li>
 * </ul>
 */
public class CompletionSignalLookAlikes {

    private final Executor executor;
    private final CountDownLatch ready = new CountDownLatch(1);

    public CompletionSignalLookAlikes(Executor executor) {
        this.executor = executor;
    }

    /** Signals on the normal path and in a catch of Throwable that does not rethrow: all paths signal. */
    public static Runnable reportingTask(Runnable work, CountDownLatch done) {
        return () -> {
            try {
                work.run();
            } catch (Throwable t) {
                System.err.println("task failed: " + t);
                done.countDown();
                return;
            }
            done.countDown();
        };
    }

    /** A start gate: the signal is the first statement, so nothing can skip it. */
    public static void openGate(CountDownLatch startGate, Runnable afterOpen) {
        startGate.countDown();
        afterOpen.run();
    }

    /** A server task that announces it is listening, then serves: the signal is first. */
    public void startServer(CountDownLatch listening, Runnable serve) {
        executor.execute(() -> {
            listening.countDown();
            serve.run();
        });
    }

    /** The early return for a blank item signals before it returns; the rest signals in finally. */
    public void earlyReturnSignals(List<String> items, CountDownLatch done) {
        for (String item : items) {
            executor.execute(() -> {
                if (item.isBlank()) {
                    done.countDown();
                    return;
                }
                try {
                    TaskDoneMissed.process(item);
                } finally {
                    done.countDown();
                }
            });
        }
    }

    /** The task_done() loop done right: every item taken is counted, processed or not. */
    public void consume(BlockingQueue<String> queue, CountDownLatch finished) {
        executor.execute(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                String item;
                try {
                    item = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    TaskDoneMissed.process(item);
                } finally {
                    finished.countDown();
                }
            }
        });
    }

    /** Completed with the value or with the failure. */
    public CompletableFuture<Integer> length(String text) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                TaskDoneMissed.process(text);
                result.complete(text.length());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Last one out: each task decrements the shared count; the one that reaches zero opens the latch. */
    public void lastOneOut(List<String> items, CountDownLatch allDone) {
        AtomicInteger remaining = new AtomicInteger(items.size());
        for (String item : items) {
            executor.execute(() -> {
                try {
                    TaskDoneMissed.process(item);
                } finally {
                    if (remaining.decrementAndGet() == 0) {
                        allDone.countDown();
                    }
                }
            });
        }
    }

    /** A latch the caller may leave out: with none there is nothing to signal. */
    public void optionalLatch(Runnable work, CountDownLatch doneOrNull) {
        executor.execute(() -> {
            try {
                work.run();
            } finally {
                if (doneOrNull != null) {
                    doneOrNull.countDown();
                }
            }
        });
    }

    /** The caller's own thread decides when the component is ready: no task, so no task skips a signal. */
    public void markReady(boolean ok) {
        if (ok) {
            ready.countDown();
        }
    }

    public boolean isReady() {
        return ready.getCount() == 0;
    }

    // A timer worker that records its start time, then opens the start latch (Netty's HashedWheelTimer$Worker.run:
    // compiled for Java 8, its field writes go through javac's access$ bridges of the outer class, which make no call).
    private volatile long startTime;
    private final CountDownLatch timerStarted = new CountDownLatch(1);

    private void setStartTime(long nanos) {
        startTime = nanos;
    }

    private long startTime() {
        return startTime;
    }

    /** Before the latch the worker only stores a time through a setter and an accessor: nothing there can throw. */
    public void startTimer(Runnable tick) throws InterruptedException {
        executor.execute(new TimerWorker(tick));
        timerStarted.await();
    }

    private final class TimerWorker implements Runnable {
        private final Runnable tick;

        TimerWorker(Runnable tick) {
            this.tick = tick;
        }

        @Override
        public void run() {
            setStartTime(System.nanoTime());
            if (startTime() == 0) {
                setStartTime(1);
            }
            timerStarted.countDown();
            tick.run();
        }
    }

    /**
     * A request's result, counted down once it is set (Kafka's ProduceRequestResult.done): the throw at the top rejects
     * a caller that broke the contract (done() before set()); no work of the task failed there.
     */
    static final class RequestResult {
        private final CountDownLatch latch = new CountDownLatch(1);
        private volatile Long offset;

        void set(long offset) {
            this.offset = offset;
        }

        void done() {
            if (offset == null) {
                throw new IllegalStateException("set() must be called before done()");
            }
            latch.countDown();
        }

        void await() throws InterruptedException {
            latch.await();
        }
    }

    /** The sender thread sets the result, then marks it done. */
    public RequestResult send(String record) {
        RequestResult result = new RequestResult();
        executor.execute(() -> {
            result.set(record.length());
            result.done();
        });
        return result;
    }

    /**
     * A request whose response handler completes the future, and whose catch passes the failure to an error handler
     * that completes it exceptionally or retries (Kafka's TopicMetadataRequestState.handleResponse): the catch is
     * the failure's signal path, one call down.
     */
    final class MetadataRequest {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        private int attempts;
        private int lastResponseSize;

        void handleResponse(String response) {
            try {
                TaskDoneMissed.process(response);
                future.complete(response.length());
            } catch (Exception e) {
                handleError(e, response.length());
            }
        }

        private void handleError(Throwable e, int responseSize) {
            lastResponseSize = responseSize;
            if (e instanceof IllegalArgumentException && attempts++ < 3) {
                executor.execute(() -> handleResponse("retry"));
            } else {
                fail(e);
            }
        }

        private void fail(Throwable t) {
            future.completeExceptionally(t);
        }
    }

    public CompletableFuture<Integer> request(String response) {
        MetadataRequest request = new MetadataRequest();
        executor.execute(() -> request.handleResponse(response));
        return request.future;
    }
}
