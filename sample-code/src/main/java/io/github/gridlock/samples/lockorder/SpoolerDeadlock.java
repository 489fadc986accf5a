package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_LOCK_ORDER_INVERSION through a getter that returns the lock, against an anonymous inner class.
 * {@code submit} takes the queue lock through {@code getQueueLock()} (exactly {@code return this.queueLock},
 * so the same lock as the field) and then the printer's monitor; the printer task, an anonymous
 * {@link Callable}, holds the printer's monitor and takes the queue lock through the field. A submit racing
 * the printer deadlocks. Reported once, at submit's {@code synchronized (printerMonitor)}.
 *
 * @see SpoolerFixed
 */
public class SpoolerDeadlock {

    private final ReentrantLock queueLock = new ReentrantLock();
    private final Object printerMonitor = new Object();
    private final List<String> jobs = new ArrayList<>();
    private int pagesPrinted;

    public ReentrantLock getQueueLock() {
        return queueLock;
    }

    public void submit(String job) {
        getQueueLock().lock();
        try {
            jobs.add(job);
            synchronized (printerMonitor) { // expect: GL_LOCK_ORDER_INVERSION
                pagesPrinted += 1;
            }
        } finally {
            getQueueLock().unlock();
        }
    }

    public Callable<Integer> printerTask() {
        return new Callable<Integer>() {
            @Override
            public Integer call() {
                synchronized (printerMonitor) {
                    queueLock.lock();
                    try {
                        return jobs.size() + pagesPrinted;
                    } finally {
                        queueLock.unlock();
                    }
                }
            }
        };
    }
}
