package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed twin of {@link SpoolerDeadlock}: the printer task takes the queue lock (through the getter, which is
 * the same lock) before the printer's monitor, the order {@code submit} uses.
 */
public class SpoolerFixed {

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
            synchronized (printerMonitor) {
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
                getQueueLock().lock();
                try {
                    synchronized (printerMonitor) {
                        return jobs.size() + pagesPrinted;
                    }
                } finally {
                    getQueueLock().unlock();
                }
            }
        };
    }
}
