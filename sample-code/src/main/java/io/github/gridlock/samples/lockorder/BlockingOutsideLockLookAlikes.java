package io.github.gridlock.samples.lockorder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_BLOCKING_WHILE_LOCKED: a blocking call and a lock in the same method, but never the
 * call with the lock held on every path: the call comes after the lock is released, or before it is taken; the
 * lock is held only on some paths; the lock is on a fresh local object nobody else can contend for; the
 * blocking code is only wrapped into a task under the lock and runs later; and calls that look like waits but
 * never block ({@code tryAcquire()}, {@code getNow}, {@code drainTo}, {@code countDown}, {@code arrive},
 * {@code isDone}, {@code available}, {@code Thread.yield}, {@code Selector.selectNow}, an untimed
 * {@code tryLock()}) or printing to {@code System.out}, which is not
 * blocking I/O here.
 */
public class BlockingOutsideLockLookAlikes {

    private final Object lock = new Object();
    private final ReentrantLock stateLock = new ReentrantLock();
    private final ReentrantLock auxLock = new ReentrantLock();
    private final List<String> seen = new ArrayList<>();
    private int count;

    /** Seed {@code 001_69ed1f58e3fcc223.txt} with the sleep moved after the critical section. */
    public void sleepAfterUnlock() throws InterruptedException {
        synchronized (lock) {
            count += 1;
        }
        Thread.sleep(2000);
    }

    /** The blocking helper runs first, with no lock; only its result is published under the lock. */
    public void takeThenRecord(BlockingQueue<String> queue) throws InterruptedException {
        String item = queue.take();
        stateLock.lock();
        try {
            seen.add(item);
        } finally {
            stateLock.unlock();
        }
    }

    /** Locked only on some paths (when the caller asks for it): not held on every path at the sleep. */
    public void maybeLockedPause(boolean exclusive) throws InterruptedException {
        boolean locked = false;
        if (exclusive) {
            stateLock.lock();
            locked = true;
        }
        try {
            Thread.sleep(10);
        } finally {
            if (locked) {
                stateLock.unlock();
            }
        }
    }

    /** A monitor on an object created here: no other thread can ever wait for it. */
    public void sleepOnLocalMonitor() throws InterruptedException {
        Object local = new Object();
        synchronized (local) {
            Thread.sleep(10);
        }
    }

    /** The task is only built while the lock is held; its sleep runs later, wherever it is called. */
    public Callable<Void> taskBuiltUnderLock() {
        synchronized (lock) {
            count += 1;
            return () -> {
                Thread.sleep(10);
                return null;
            };
        }
    }

    /** Printing stands in for work: not blocking I/O. */
    public void printUnderLock(String message) {
        synchronized (lock) {
            System.out.println(message);
        }
    }

    /** tryAcquire() never waits. */
    public boolean tryUseResource(Semaphore permits) {
        synchronized (lock) {
            if (!permits.tryAcquire()) {
                return false;
            }
            try {
                count += 1;
                return true;
            } finally {
                permits.release();
            }
        }
    }

    /** getNow and isDone never wait. */
    public String resultIfReady(CompletableFuture<String> result, Future<String> other) {
        stateLock.lock();
        try {
            seen.add(String.valueOf(other.isDone()));
            return result.getNow("not yet");
        } finally {
            stateLock.unlock();
        }
    }

    /** drainTo takes only what is already there. */
    public int drainUnderLock(BlockingQueue<String> queue) {
        stateLock.lock();
        try {
            return queue.drainTo(seen);
        } finally {
            stateLock.unlock();
        }
    }

    /** Signalling never waits: countDown and arrive return at once. */
    public void signalUnderLock(CountDownLatch done, Phaser phases) {
        synchronized (lock) {
            done.countDown();
            phases.arrive();
        }
    }

    /** available() reports what can be read without blocking; yield() gives up the CPU, not the lock. */
    public int availableUnderLock(InputStream in) throws IOException {
        synchronized (lock) {
            Thread.yield();
            return in.available();
        }
    }

    /** selectNow() returns at once, with whatever channels are ready. */
    public int selectUnderLock(Selector selector) throws IOException {
        synchronized (lock) {
            return selector.selectNow();
        }
    }

    /** An untimed tryLock() of a second lock never waits (auxLock is never taken before stateLock). */
    public boolean tryAuxUnderLock() {
        stateLock.lock();
        try {
            if (!auxLock.tryLock()) {
                return false;
            }
            try {
                return true;
            } finally {
                auxLock.unlock();
            }
        } finally {
            stateLock.unlock();
        }
    }
}
