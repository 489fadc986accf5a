package io.github.gridlock.samples.lockorder;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed twin of {@link HandoffUnderLock}: wait first, holding nothing, then lock only to publish the outcome;
 * and wait on the condition (or monitor) of the ONLY lock held, so the wait releases everything it holds.
 */
public class HandoffUnderLockFixed {

    private final Object lock = new Object();
    private final ReentrantLock stateLock = new ReentrantLock();
    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition notEmpty = queueLock.newCondition();
    private final CountDownLatch ready;
    private final CyclicBarrier barrier;
    private final Semaphore permits;
    private final Phaser phaser;
    private final Exchanger<String> exchanger;
    private final BlockingQueue<String> inbox;
    private boolean signalled;
    private int pending;
    private String last = "";

    public HandoffUnderLockFixed(CountDownLatch ready, CyclicBarrier barrier, Semaphore permits, Phaser phaser,
            Exchanger<String> exchanger, BlockingQueue<String> inbox) {
        this.ready = ready;
        this.barrier = barrier;
        this.permits = permits;
        this.phaser = phaser;
        this.exchanger = exchanger;
        this.inbox = inbox;
    }

    public void awaitReady() throws InterruptedException {
        ready.await();
        synchronized (lock) {
            System.out.println("ready");
        }
    }

    public void meetOthers() throws InterruptedException, BrokenBarrierException {
        barrier.await();
        synchronized (lock) {
            System.out.println("met");
        }
    }

    public void useResource() throws InterruptedException {
        permits.acquire();
        try {
            synchronized (lock) {
                System.out.println("using one of the permits");
            }
        } finally {
            permits.release();
        }
    }

    public void nextPhase() {
        phaser.arriveAndAwaitAdvance();
        synchronized (lock) {
            System.out.println("next phase");
        }
    }

    public String swap(String mine) throws InterruptedException {
        String theirs = exchanger.exchange(mine);
        synchronized (lock) {
            System.out.println("swapped " + mine + " for " + theirs);
        }
        return theirs;
    }

    public String receive() throws InterruptedException {
        String message = inbox.take();
        stateLock.lock();
        try {
            last = message;
            return last;
        } finally {
            stateLock.unlock();
        }
    }

    public String joinResult(CompletableFuture<String> result) {
        String value = result.join();
        stateLock.lock();
        try {
            last = value;
            return last;
        } finally {
            stateLock.unlock();
        }
    }

    /** Only {@code lock} is held, and wait() releases it. */
    public void awaitSignal() throws InterruptedException {
        synchronized (lock) {
            while (!signalled) {
                lock.wait();
            }
        }
    }

    public void signal() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    /** Only {@code queueLock} is held, and await() on its condition releases it. */
    public void awaitItem() throws InterruptedException {
        queueLock.lock();
        try {
            while (pending == 0) {
                notEmpty.await();
            }
            pending -= 1;
        } finally {
            queueLock.unlock();
        }
    }

    public void addItem() {
        queueLock.lock();
        try {
            pending += 1;
            notEmpty.signal();
        } finally {
            queueLock.unlock();
        }
    }
}
