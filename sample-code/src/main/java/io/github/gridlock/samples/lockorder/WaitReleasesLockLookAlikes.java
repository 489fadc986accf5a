package io.github.gridlock.samples.lockorder;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_BLOCKING_WHILE_LOCKED: waiting calls made with a lock held that do not keep it
 * held: {@code Object.wait()} on the held monitor and {@code Condition.await()} on a condition of the held
 * lock both release that lock while waiting; {@code offer()}/{@code poll()} on a queue never block.
 */
public class WaitReleasesLockLookAlikes {

    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private boolean monitorFlag;
    private boolean lockFlag;

    public void awaitMonitorFlag() throws InterruptedException {
        synchronized (monitor) {
            while (!monitorFlag) {
                monitor.wait();
            }
        }
    }

    public void setMonitorFlag() {
        synchronized (monitor) {
            monitorFlag = true;
            monitor.notifyAll();
        }
    }

    public void awaitLockFlag() throws InterruptedException {
        lock.lock();
        try {
            while (!lockFlag) {
                ready.await();
            }
        } finally {
            lock.unlock();
        }
    }

    public void setLockFlag() {
        lock.lock();
        try {
            lockFlag = true;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public synchronized boolean tryPublish(BlockingQueue<String> queue, String event) {
        return queue.offer(event);
    }

    public synchronized String tryReceive(BlockingQueue<String> queue) {
        return queue.poll();
    }
}
