package io.github.gridlock.samples.lockorder;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed twin of {@link SleepUnderLock}: block first, with no lock held, then take the lock only for the short
 * update of shared state.
 */
public class SleepUnderLockFixed {

    private final Object lock = new Object();
    private final ReentrantLock stateLock = new ReentrantLock();
    private final BlockingQueue<String> outbound;
    private String lastReply;
    private byte[] current = new byte[0];

    public SleepUnderLockFixed(BlockingQueue<String> outbound) {
        this.outbound = outbound;
    }

    public void actionA() throws InterruptedException {
        Thread.sleep(2000);
        synchronized (lock) {
            System.out.println("got lock A");
        }
    }

    public String awaitReply(Future<String> reply) throws InterruptedException, ExecutionException {
        String value = reply.get();
        stateLock.lock();
        try {
            lastReply = value;
            return lastReply;
        } finally {
            stateLock.unlock();
        }
    }

    public void publish(String event) throws InterruptedException {
        outbound.put(event);
    }

    public void finish(Thread worker) throws InterruptedException {
        worker.join();
        synchronized (lock) {
            System.out.println("worker finished");
        }
    }

    public int refill(InputStream in, byte[] buffer) throws IOException {
        int n = in.readNBytes(buffer, 0, buffer.length);
        synchronized (this) {
            current = buffer.clone();
        }
        return n;
    }
}
