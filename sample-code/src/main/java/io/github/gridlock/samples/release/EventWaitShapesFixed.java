package io.github.gridlock.samples.release;

import java.util.Date;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Fixed twin of {@link EventWaitShapes}: every wait is inside a loop that re-tests what it waits for. */
public class EventWaitShapesFixed {

    private final Object mailbox = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition delivered = lock.newCondition();
    private String letter;
    private int handled;
    private int served;

    public synchronized void serveForever() throws InterruptedException {
        while (true) {
            while (handled == served) {
                wait();
            }
            served++;
        }
    }

    public synchronized String takeRetrying() {
        while (letter == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                handled++;
            }
        }
        return letter;
    }

    public String takeUninterruptibly() {
        lock.lock();
        try {
            while (letter == null) {
                delivered.awaitUninterruptibly();
            }
            return letter;
        } finally {
            lock.unlock();
        }
    }

    public String takeBefore(Date deadline) throws InterruptedException {
        lock.lock();
        try {
            while (letter == null && delivered.awaitUntil(deadline)) {
                handled++;
            }
            return letter;
        } finally {
            lock.unlock();
        }
    }

    public String takeFromMailbox() throws InterruptedException {
        synchronized (mailbox) {
            while (letter == null) {
                mailbox.wait();
            }
            return letter;
        }
    }

    public synchronized void deliver(String l) {
        handled++;
        lock.lock();
        try {
            letter = l;
            delivered.signalAll();
        } finally {
            lock.unlock();
        }
        synchronized (mailbox) {
            mailbox.notifyAll();
        }
    }
}
