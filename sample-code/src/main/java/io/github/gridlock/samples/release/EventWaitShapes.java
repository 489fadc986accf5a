package io.github.gridlock.samples.release;

import java.util.Date;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_WAIT_WITHOUT_LOOP, more shapes of {@link EventWaitNoLoop}: a {@code while (true)} around the wait that re-tests
 * nothing, a retry loop that only repeats on interrupt, {@code awaitUninterruptibly()} and {@code awaitUntil()} under
 * a single {@code if}, and a wait on a separate lock object. Each returns from the wait without checking that what it
 * waited for happened.
 *
 * @see EventWaitShapesFixed
 */
public class EventWaitShapes {

    private final Object mailbox = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition delivered = lock.newCondition();
    private String letter;
    private int handled;

    /** A loop, but nothing in it tests whether a letter came: every wake-up is taken as one. */
    public synchronized void serveForever() throws InterruptedException {
        while (true) {
            wait(); // expect: GL_WAIT_WITHOUT_LOOP
            handled++;
        }
    }

    /** Repeats only when interrupted; a spurious wake-up returns with no letter. */
    public synchronized String takeRetrying() {
        for (;;) {
            try {
                wait(); // expect: GL_WAIT_WITHOUT_LOOP
                return letter;
            } catch (InterruptedException e) {
                handled++;
            }
        }
    }

    public String takeUninterruptibly() {
        lock.lock();
        try {
            if (letter == null) {
                delivered.awaitUninterruptibly(); // expect: GL_WAIT_WITHOUT_LOOP
            }
            return letter;
        } finally {
            lock.unlock();
        }
    }

    public String takeBefore(Date deadline) throws InterruptedException {
        lock.lock();
        try {
            if (letter == null) {
                delivered.awaitUntil(deadline); // expect: GL_WAIT_WITHOUT_LOOP
            }
            return letter;
        } finally {
            lock.unlock();
        }
    }

    /** A separate lock object: the same mistake with {@code mailbox.wait()}. */
    public String takeFromMailbox() throws InterruptedException {
        synchronized (mailbox) {
            if (letter == null) {
                mailbox.wait(); // expect: GL_WAIT_WITHOUT_LOOP
            }
            return letter;
        }
    }

    public void deliver(String l) {
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
