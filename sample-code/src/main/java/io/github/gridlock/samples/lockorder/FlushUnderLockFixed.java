package io.github.gridlock.samples.lockorder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Fixed twin of {@link FlushUnderLock}: every sleep, queue wait and upload happens before or after the critical
 * section, never inside it; the lock guards only the in-memory update.
 */
public class FlushUnderLockFixed {

    /** Static holder of the flusher's shared lock. */
    static final class Locks {
        static final Object FLUSH = new Object();

        private Locks() {
        }
    }

    private final ReentrantReadWriteLock bufferLock = new ReentrantReadWriteLock();
    private final StampedLock statsLock = new StampedLock();
    private final ReentrantLock sinkLock = new ReentrantLock();
    private final Object retryMonitor = new Object();
    private final BlockingQueue<String> outbox;
    private final List<String> buffer = new ArrayList<>();
    private long flushes;
    private int enqueued;
    private int taken;
    private int retries;
    private int drained;
    private int lastStatus;

    public FlushUnderLockFixed(BlockingQueue<String> outbox) {
        this.outbox = outbox;
    }

    public ReentrantLock getSinkLock() {
        return sinkLock;
    }

    public void throttledAppend(String line) throws InterruptedException {
        Thread.sleep(10);
        bufferLock.writeLock().lock();
        try {
            buffer.add(line);
        } finally {
            bufferLock.writeLock().unlock();
        }
    }

    public void countFlush() throws InterruptedException {
        Thread.sleep(5);
        long stamp = statsLock.writeLock();
        try {
            flushes += 1;
        } finally {
            statsLock.unlockWrite(stamp);
        }
    }

    public String nextOutgoing() throws InterruptedException {
        String next = outbox.take();
        synchronized (Locks.FLUSH) {
            taken += 1;
        }
        return next;
    }

    public void enqueue(String line) throws InterruptedException {
        outbox.put(line);
        getSinkLock().lock();
        try {
            enqueued += 1;
        } finally {
            getSinkLock().unlock();
        }
    }

    public Callable<String> drainTask() {
        return () -> {
            String next = outbox.take();
            synchronized (retryMonitor) {
                drained += 1;
            }
            return next;
        };
    }

    public Callable<Void> pacedTask() {
        return new Callable<Void>() {
            @Override
            public Void call() throws InterruptedException {
                Thread.sleep(100);
                synchronized (retryMonitor) {
                    retries += 1;
                }
                return null;
            }
        };
    }

    public void flushWithRetry() throws InterruptedException {
        backOff(3);
        synchronized (retryMonitor) {
            retries += 1;
        }
    }

    private void backOff(int attempt) throws InterruptedException {
        pause(attempt * 100L);
    }

    private static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    public int upload(HttpClient client, URI uri, String line) throws IOException, InterruptedException {
        int status = RemoteSink.send(client, uri, line);
        synchronized (Locks.FLUSH) {
            lastStatus = status;
        }
        return status;
    }
}
