package io.github.gridlock.samples.lockorder;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_BLOCKING_WHILE_LOCKED: the timed versions of the blocking calls, made with a lock
 * held. Each waits at most a bound the author chose (here 10-100 ms) and then gives up, so the lock is held for
 * a known, short time: {@code poll}/{@code offer} with a timeout, {@code Future.get} with a timeout,
 * {@code await} on a latch or a barrier with a timeout, {@code exchange} and a phaser's
 * {@code awaitAdvanceInterruptibly} with a timeout, {@code tryAcquire} with a timeout, {@code join(millis)},
 * {@code Process.waitFor} and {@code awaitTermination} with a timeout, {@code tryLock} with a timeout, and a timed {@code wait}/{@code await} on the held lock itself (which
 * releases it anyway). None of these is in the blocking list.
 */
public class TimedWaitLookAlikes {

    private final Object lock = new Object();
    private final ReentrantLock stateLock = new ReentrantLock();
    private final Condition changed = stateLock.newCondition();
    private final ReentrantLock auxLock = new ReentrantLock();
    private boolean monitorReady;
    private boolean stateReady;

    public String pollBriefly(BlockingQueue<String> queue) throws InterruptedException {
        synchronized (lock) {
            return queue.poll(10, TimeUnit.MILLISECONDS);
        }
    }

    public boolean offerBriefly(BlockingQueue<String> queue, String item) throws InterruptedException {
        synchronized (lock) {
            return queue.offer(item, 10, TimeUnit.MILLISECONDS);
        }
    }

    public String getBriefly(Future<String> reply) throws InterruptedException, ExecutionException, TimeoutException {
        stateLock.lock();
        try {
            return reply.get(100, TimeUnit.MILLISECONDS);
        } finally {
            stateLock.unlock();
        }
    }

    public boolean awaitBriefly(CountDownLatch latch) throws InterruptedException {
        synchronized (lock) {
            return latch.await(100, TimeUnit.MILLISECONDS);
        }
    }

    public void joinBriefly(Thread worker) throws InterruptedException {
        synchronized (lock) {
            worker.join(100);
        }
    }

    public boolean waitForBriefly(ProcessBuilder tool) throws IOException, InterruptedException {
        synchronized (lock) {
            Process process = tool.start();
            return process.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    /** A timed tryLock of a second lock: gives up after 10 ms (auxLock is never taken before stateLock). */
    public boolean tryBoth() throws InterruptedException {
        stateLock.lock();
        try {
            if (!auxLock.tryLock(10, TimeUnit.MILLISECONDS)) {
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

    /** A timed wait on the held monitor: it releases the monitor, and only for 100 ms at a time. */
    public boolean waitForMonitorFlag() throws InterruptedException {
        synchronized (lock) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            while (!monitorReady && System.nanoTime() < deadline) {
                lock.wait(10);
            }
            return monitorReady;
        }
    }

    public void setMonitorFlag() {
        synchronized (lock) {
            monitorReady = true;
            lock.notifyAll();
        }
    }

    /** A timed await on the condition of the only held lock. */
    public boolean awaitStateFlag() throws InterruptedException {
        stateLock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(100);
            while (!stateReady && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return stateReady;
        } finally {
            stateLock.unlock();
        }
    }

    public void setStateFlag() {
        stateLock.lock();
        try {
            stateReady = true;
            changed.signalAll();
        } finally {
            stateLock.unlock();
        }
    }

    public int meetBriefly(CyclicBarrier barrier) throws InterruptedException, BrokenBarrierException, TimeoutException {
        synchronized (lock) {
            return barrier.await(100, TimeUnit.MILLISECONDS);
        }
    }

    public String swapBriefly(Exchanger<String> exchanger, String mine) throws InterruptedException, TimeoutException {
        synchronized (lock) {
            return exchanger.exchange(mine, 100, TimeUnit.MILLISECONDS);
        }
    }

    public int awaitPhaseBriefly(Phaser phaser, int phase) throws InterruptedException, TimeoutException {
        synchronized (lock) {
            return phaser.awaitAdvanceInterruptibly(phase, 100, TimeUnit.MILLISECONDS);
        }
    }

    /** A timed permit: the method gives the permit back when it got one. */
    public boolean usePermitBriefly(Semaphore permits) throws InterruptedException {
        synchronized (lock) {
            if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                return false;
            }
            try {
                System.out.println("using a permit");
                return true;
            } finally {
                permits.release();
            }
        }
    }

    public boolean awaitTerminationBriefly(ExecutorService pool) throws InterruptedException {
        synchronized (lock) {
            return pool.awaitTermination(100, TimeUnit.MILLISECONDS);
        }
    }
}
