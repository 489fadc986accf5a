package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Safe look-alikes for GL_LOCK_ORDER_INVERSION: a lock "taken inside itself". Synchronized methods calling
 * each other on the same object re-enter the monitor they hold; a helper that locks a {@code ReentrantLock}
 * its caller already holds raises the hold count; and the read lock of a {@link ReentrantReadWriteLock} taken while
 * holding its write lock is allowed (it is how a writer downgrades) and is the same lock-graph node. One lock is never an edge to itself, so none of these is an inversion.
 */
public class ReentrantCallLookAlikes {

    private final ReentrantLock listLock = new ReentrantLock();
    private final ReentrantReadWriteLock configLock = new ReentrantReadWriteLock();
    private final List<String> items = new ArrayList<>();
    private final List<String> listed = new ArrayList<>();
    private String config = "";

    public synchronized void addTwice(String item) {
        add(item);
        add(item);
    }

    public synchronized void add(String item) {
        items.add(item);
    }

    public void listBoth(String first, String second) {
        listLock.lock();
        try {
            listOne(first);
            listOne(second);
        } finally {
            listLock.unlock();
        }
    }

    private void listOne(String item) {
        listLock.lock();
        try {
            listed.add(item);
        } finally {
            listLock.unlock();
        }
    }

    /** The read half taken while the write half of the same lock is held: allowed, and one node. */
    public String updateAndRead(String newConfig) {
        configLock.writeLock().lock();
        try {
            config = newConfig;
            configLock.readLock().lock();
            try {
                return config;
            } finally {
                configLock.readLock().unlock();
            }
        } finally {
            configLock.writeLock().unlock();
        }
    }
}
