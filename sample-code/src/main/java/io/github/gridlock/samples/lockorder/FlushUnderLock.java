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
 * GL_BLOCKING_WHILE_LOCKED with every kind of lock and every way of hiding the blocking call: a log flusher that
 * sleeps, waits for its queue or uploads while holding the write half of a {@code ReadWriteLock}, a
 * {@code StampedLock} write lock, a static holder's monitor, a lock reached through its getter, a monitor
 * taken inside a lambda or an anonymous class, or a monitor held around a helper that blocks two calls down or
 * in another class ({@link RemoteSink}). A blocking helper is reported at its call in the method that holds
 * the lock.
 *
 * @see FlushUnderLockFixed
 */
public class FlushUnderLock {

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

    public FlushUnderLock(BlockingQueue<String> outbox) {
        this.outbox = outbox;
    }

    public ReentrantLock getSinkLock() {
        return sinkLock;
    }

    /** Throttling with the write lock held: every reader waits out the sleep too. */
    public void throttledAppend(String line) throws InterruptedException {
        bufferLock.writeLock().lock();
        try {
            buffer.add(line);
            Thread.sleep(10); // expect: GL_BLOCKING_WHILE_LOCKED
        } finally {
            bufferLock.writeLock().unlock();
        }
    }

    public void countFlush() throws InterruptedException {
        long stamp = statsLock.writeLock();
        try {
            flushes += 1;
            Thread.sleep(5); // expect: GL_BLOCKING_WHILE_LOCKED
        } finally {
            statsLock.unlockWrite(stamp);
        }
    }

    /** Readers of the buffer wait for the writer's sleep. */
    public int bufferedLines() {
        bufferLock.readLock().lock();
        try {
            return buffer.size();
        } finally {
            bufferLock.readLock().unlock();
        }
    }

    /** A reader of the count waits for countFlush's sleep. */
    public long flushCount() {
        long stamp = statsLock.readLock();
        try {
            return flushes;
        } finally {
            statsLock.unlockRead(stamp);
        }
    }

    /** Another user of the sink lock (which getSinkLock() also hands out). */
    public void clearOutbox() {
        getSinkLock().lock();
        try {
            outbox.clear();
        } finally {
            getSinkLock().unlock();
        }
    }

    public String nextOutgoing() throws InterruptedException {
        synchronized (Locks.FLUSH) {
            return outbox.take(); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    public void enqueue(String line) throws InterruptedException {
        getSinkLock().lock();
        try {
            outbox.put(line); // expect: GL_BLOCKING_WHILE_LOCKED
        } finally {
            getSinkLock().unlock();
        }
    }

    public Callable<String> drainTask() {
        return () -> {
            synchronized (retryMonitor) {
                return outbox.take(); // expect: GL_BLOCKING_WHILE_LOCKED
            }
        };
    }

    public Callable<Void> pacedTask() {
        return new Callable<Void>() {
            @Override
            public Void call() throws InterruptedException {
                synchronized (retryMonitor) {
                    Thread.sleep(100); // expect: GL_BLOCKING_WHILE_LOCKED
                }
                return null;
            }
        };
    }

    /** The sleep is two calls down: flushWithRetry → backOff → pause → Thread.sleep. */
    public void flushWithRetry() throws InterruptedException {
        synchronized (retryMonitor) {
            backOff(3); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    private void backOff(int attempt) throws InterruptedException {
        pause(attempt * 100L);
    }

    private static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** The blocking call is in another class. */
    public int upload(HttpClient client, URI uri, String line) throws IOException, InterruptedException {
        synchronized (Locks.FLUSH) {
            return RemoteSink.send(client, uri, line); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }
}
