package io.github.gridlock.samples.lockorder;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_BLOCKING_WHILE_LOCKED. Seed {@code 001_69ed1f58e3fcc223.txt}'s {@code actionA}: {@code A.acquire(); time.sleep(2)}
 * with the lock held. Every other thread that needs the lock now waits for the sleep (or the I/O, or the other task, or
 * the full queue) too: the critical section's length is set by the slowest outside party, throughput collapses, and if
 * that party needs the same lock, it is a deadlock. The finding is at the blocking call (for a helper that blocks, at
 * its call in the lock-holding method).
 *
 * @see SleepUnderLockFixed
 */
public class SleepUnderLock {

    private final Object lock = new Object();
    private final ReentrantLock stateLock = new ReentrantLock();
    private final BlockingQueue<String> outbound;
    private String lastReply;

    public SleepUnderLock(BlockingQueue<String> outbound) {
        this.outbound = outbound;
    }

    /** The seed: sleep two seconds with lock A held. */
    public void actionA() throws InterruptedException {
        synchronized (lock) {
            System.out.println("got lock A");
            Thread.sleep(2000); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    /** Waiting for another task's result with a ReentrantLock held. */
    public String awaitReply(Future<String> reply) throws InterruptedException, ExecutionException {
        stateLock.lock();
        try {
            lastReply = reply.get(); // expect: GL_BLOCKING_WHILE_LOCKED
            return lastReply;
        } finally {
            stateLock.unlock();
        }
    }

    /** Another thread reading the last reply waits for the future too. */
    public String lastReply() {
        stateLock.lock();
        try {
            return lastReply;
        } finally {
            stateLock.unlock();
        }
    }

    /** put() on a bounded queue blocks while it is full, here with the monitor held. */
    public synchronized void publish(String event) throws InterruptedException {
        outbound.put(event); // expect: GL_BLOCKING_WHILE_LOCKED
    }

    /** Joining a worker while holding the lock the worker might need. */
    public void finish(Thread worker) throws InterruptedException {
        synchronized (lock) {
            worker.join(); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    /** The blocking read is in a helper; the lock is held by the caller. */
    public synchronized int refill(InputStream in, byte[] buffer) throws IOException {
        return readFully(in, buffer); // expect: GL_BLOCKING_WHILE_LOCKED
    }

    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int total = 0;
        int n;
        while (total < buffer.length && (n = in.read(buffer, total, buffer.length - total)) > 0) {
            total += n;
        }
        return total;
    }
}
