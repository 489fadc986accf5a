package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Fixed twin of {@link LockInsideTry}: acquire immediately before the {@code try}, never inside it. */
public class LockInsideTryFixed {

    private final ReentrantLock lock = new ReentrantLock();
    private final ReadWriteLock rw = new ReentrantReadWriteLock();
    private final List<String> log = new ArrayList<>();
    private final List<String> formatted = new ArrayList<>();

    public void append(String line) {
        lock.lock();
        try {
            log.add(line);
        } finally {
            lock.unlock();
        }
    }

    public void appendInterruptibly(String line) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            log.add(line);
        } finally {
            lock.unlock();
        }
    }

    public void appendFormatted(String pattern, Object... args) {
        String line = String.format(pattern, args);
        rw.writeLock().lock();
        try {
            formatted.add(line);
        } finally {
            rw.writeLock().unlock();
        }
    }
}
