package io.github.gridlock.samples.lockorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Look-alike for GL_LOCK_ORDER_INVERSION (reported only at LOW priority, below SpotBugs' default threshold, so it
 * carries no marker): seed {@code 004_9b7a5e9ccfbf269c.txt}'s first remedy, "set a waiting time; when it runs out,
 * release what you hold". Both methods take the two locks in opposite orders, but each inner acquisition is a {@code
 * tryLock(timeout)}: when the other thread holds the lock, the attempt gives up after 50 ms and the method releases its
 * outer lock and reports failure (the caller backs off and retries). The threads can wedge for at most the timeout,
 * never forever; the checker keeps a low-priority finding because a timeout that is long, or retried in a tight loop,
 * still stalls (livelock).
 */
public class TimedTryLockLookAlike {

    private final ReentrantLock lock1 = new ReentrantLock();
    private final ReentrantLock lock2 = new ReentrantLock();

    public boolean thread1() throws InterruptedException {
        lock1.lock();
        try {
            if (!lock2.tryLock(50, TimeUnit.MILLISECONDS)) { // expect-low: GL_LOCK_ORDER_INVERSION
                return false;
            }
            try {
                System.out.println("-----get lock1, lock2----");
                return true;
            } finally {
                lock2.unlock();
            }
        } finally {
            lock1.unlock();
        }
    }

    public boolean thread2() throws InterruptedException {
        lock2.lock();
        try {
            if (!lock1.tryLock(50, TimeUnit.MILLISECONDS)) {
                return false;
            }
            try {
                System.out.println("-----get lock2, lock1----");
                return true;
            } finally {
                lock1.unlock();
            }
        } finally {
            lock2.unlock();
        }
    }
}
