package io.github.gridlock.samples.lockorder;

import java.io.IOException;
import java.io.LineNumberReader;
import java.io.StringReader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Safe look-alikes for GL_BLOCKING_WHILE_LOCKED: calls that would block elsewhere but cannot at these call sites.
 * A {@code put()} into a queue created without a capacity never waits; a helper that sleeps for the time its caller
 * passes does not sleep when that is 0; a {@code join()} of a thread that was just interrupted (and ends at once)
 * or was already joined returns; lines read from a reader over a string never wait; and a lock handle released by
 * try-with-resources is not held by the sleep after the block; a future made complete
 * ({@code CompletableFuture.completedFuture}) is not waited for.
 */
public class CallSiteBlockingLookAlikes {
    private final Object lock = new Object();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final ResourceLock handle = new ResourceLock();
    private final StringBuilder log = new StringBuilder();

    /** A lock handle in the try-with-resources style (lock() returns it held; close() releases). */
    static final class ResourceLock implements AutoCloseable {
        private final java.util.concurrent.locks.ReentrantLock inner = new java.util.concurrent.locks.ReentrantLock();

        ResourceLock lock() {
            inner.lock();
            return this;
        }

        @Override
        public void close() {
            inner.unlock();
        }
    }

    public void record(String event) throws InterruptedException {
        synchronized (lock) {
            log.append(event);
            events.put(event);
        }
    }

    private static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    public void yieldUnderLock() throws InterruptedException {
        synchronized (lock) {
            log.append('.');
            pause(0);
        }
    }

    public void stop(Thread worker) throws InterruptedException {
        synchronized (lock) {
            worker.interrupt();
            worker.join();
        }
    }

    public void awaitTwice(Thread worker) throws InterruptedException {
        worker.join();
        synchronized (lock) {
            worker.join();
            log.append("joined");
        }
    }

    public int countLines(String text) throws IOException {
        synchronized (lock) {
            LineNumberReader reader = new LineNumberReader(new StringReader(text));
            while (reader.readLine() != null) {
                log.append('+');
            }
            return reader.getLineNumber();
        }
    }

    public void pollAfterUnlock() throws InterruptedException {
        try (ResourceLock held = handle.lock()) {
            log.append("polled");
        }
        while (events.isEmpty()) {
            Thread.sleep(10);
        }
    }

    public String drained() {
        synchronized (lock) {
            return log.toString();
        }
    }

    public void resetHandle() {
        try (ResourceLock held = handle.lock()) {
            log.setLength(0);
        }
    }

    /** The future is complete when it is made: get() and join() return at once. */
    public String cached(String value) throws InterruptedException, ExecutionException {
        synchronized (lock) {
            CompletableFuture<String> f = CompletableFuture.completedFuture(value);
            log.append(f.get());
            return f.join();
        }
    }
}
