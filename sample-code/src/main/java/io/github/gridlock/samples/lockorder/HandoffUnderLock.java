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
 * GL_BLOCKING_WHILE_LOCKED with the hand-off primitives of {@code java.util.concurrent}: waiting for a latch,
 * a barrier, a permit, a phase, an exchange partner, a queue element or another task's result, each with a
 * lock held. Seed {@code 001_69ed1f58e3fcc223.txt}'s {@code A.acquire(); time.sleep(2)} again: the wait is as long as the slowest other
 * party, and every thread that needs the lock waits with it; if the party it waits for needs the same lock
 * (the thread that would count the latch down, release the permit, arrive at the barrier), it is a deadlock.
 * Also the two waits that release only ONE lock: {@code inner.wait()} with {@code lock} still held, and
 * {@code notEmpty.await()} (a condition of {@code queueLock}) with {@code stateLock} still held. Each is
 * reported at the blocking call.
 *
 * @see HandoffUnderLockFixed
 */
public class HandoffUnderLock {

    private final Object lock = new Object();
    private final Object inner = new Object();
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

    public HandoffUnderLock(CountDownLatch ready, CyclicBarrier barrier, Semaphore permits, Phaser phaser,
            Exchanger<String> exchanger, BlockingQueue<String> inbox) {
        this.ready = ready;
        this.barrier = barrier;
        this.permits = permits;
        this.phaser = phaser;
        this.exchanger = exchanger;
        this.inbox = inbox;
    }

    public void awaitReady() throws InterruptedException {
        synchronized (lock) {
            ready.await(); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    public void meetOthers() throws InterruptedException, BrokenBarrierException {
        synchronized (lock) {
            barrier.await(); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    public void useResource() throws InterruptedException {
        synchronized (lock) {
            permits.acquire(); // expect: GL_BLOCKING_WHILE_LOCKED
            try {
                System.out.println("using one of the permits");
            } finally {
                permits.release();
            }
        }
    }

    public void nextPhase() {
        synchronized (lock) {
            phaser.arriveAndAwaitAdvance(); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    public String swap(String mine) throws InterruptedException {
        synchronized (lock) {
            return exchanger.exchange(mine); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    public String receive() throws InterruptedException {
        stateLock.lock();
        try {
            return inbox.take(); // expect: GL_BLOCKING_WHILE_LOCKED
        } finally {
            stateLock.unlock();
        }
    }

    public String joinResult(CompletableFuture<String> result) {
        stateLock.lock();
        try {
            return result.join(); // expect: GL_BLOCKING_WHILE_LOCKED
        } finally {
            stateLock.unlock();
        }
    }

    /** wait() releases {@code inner} only; {@code lock} stays held for the whole wait. */
    public void awaitSignal() throws InterruptedException {
        synchronized (lock) {
            synchronized (inner) {
                while (!signalled) {
                    inner.wait(); // expect: GL_BLOCKING_WHILE_LOCKED
                }
            }
        }
    }

    public void signal() {
        synchronized (inner) {
            signalled = true;
            inner.notifyAll();
        }
    }

    /** await() releases {@code queueLock} only; {@code stateLock} stays held for the whole wait. */
    public void awaitItem() throws InterruptedException {
        stateLock.lock();
        try {
            queueLock.lock();
            try {
                while (pending == 0) {
                    notEmpty.await(); // expect: GL_BLOCKING_WHILE_LOCKED
                }
                pending -= 1;
            } finally {
                queueLock.unlock();
            }
        } finally {
            stateLock.unlock();
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
