package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_LOCK_ORDER_INVERSION: both orders of the same two locks appear in the source, but
 * never as a cycle of "held while waiting": {@code second()} releases {@code left} before it takes
 * {@code right} (sequential, not nested); re-entering a lock already held is not an edge; and a
 * {@code tryLock()} never waits, so a back-off on failure cannot deadlock (seed {@code 004_9b7a5e9ccfbf269c.txt}'s first remedy: give up
 * instead of waiting forever).
 */
public class LockOrderLookAlikes {

    private final ReentrantLock left = new ReentrantLock();
    private final ReentrantLock right = new ReentrantLock();
    private final Object monitor = new Object();

    public void first() {
        left.lock();
        try {
            right.lock();
            try {
                System.out.println("left, right");
            } finally {
                right.unlock();
            }
        } finally {
            left.unlock();
        }
    }

    /** Right, released, then left: never holds one while waiting for the other. */
    public void second() {
        right.lock();
        try {
            System.out.println("right alone");
        } finally {
            right.unlock();
        }
        left.lock();
        try {
            System.out.println("left alone");
        } finally {
            left.unlock();
        }
    }

    /** Holds right, and only TRIES left: on failure it backs off, releasing right. */
    public boolean third() {
        right.lock();
        try {
            if (!left.tryLock()) {
                return false;
            }
            try {
                System.out.println("right, then left by tryLock");
                return true;
            } finally {
                left.unlock();
            }
        } finally {
            right.unlock();
        }
    }

    /** Re-entering the monitor already held. */
    public void reentrant() {
        synchronized (monitor) {
            synchronized (monitor) {
                System.out.println("nested on the same monitor");
            }
        }
    }
}
