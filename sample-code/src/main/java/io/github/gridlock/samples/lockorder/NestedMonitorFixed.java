package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed twin of {@link NestedMonitorDeadlock}: every path nests lock1 outside lock2, and A outside B. The nested classes
 * show the seeds' other two remedies for the same stories: {@link SingleLock} (seed {@code 001_69ed1f58e3fcc223.txt}'s
 * own fix: one {@code RLock} for both actions) and {@link BackOff} (seed {@code 004_9b7a5e9ccfbf269c.txt}'s first
 * remedy: do not wait forever for the second lock; give up, release the first, and retry).
 */
public class NestedMonitorFixed {

    private static final Object lock1 = new Object();
    private static final Object lock2 = new Object();
    private final Object a = new Object();
    private final Object b = new Object();

    public static void thread1() {
        synchronized (lock1) {
            synchronized (lock2) {
                System.out.println("-----get lock1, lock2----");
            }
        }
    }

    public static void thread2() {
        synchronized (lock1) {
            synchronized (lock2) {
                System.out.println("-----get lock1, lock2 again----");
            }
        }
    }

    public void actionA() {
        synchronized (a) {
            synchronized (b) {
                System.out.println("got locks A, B");
            }
        }
    }

    public void actionB() {
        synchronized (a) {
            withB();
        }
    }

    private void withB() {
        synchronized (b) {
            System.out.println("got locks A, B via helper");
        }
    }

    /** Seed {@code 001_69ed1f58e3fcc223.txt}'s fix: actionA and actionB share ONE reentrant lock, so there is no second lock to wait for. */
    public static final class SingleLock {
        private final ReentrantLock rLock = new ReentrantLock();

        public void actionA() {
            rLock.lock();
            try {
                System.out.println("got lock A");
                rLock.lock();
                try {
                    System.out.println("got lock B (the same reentrant lock)");
                } finally {
                    rLock.unlock();
                }
            } finally {
                rLock.unlock();
            }
        }

        public void actionB() {
            rLock.lock();
            try {
                System.out.println("got lock B");
                rLock.lock();
                try {
                    System.out.println("got lock A (the same reentrant lock)");
                } finally {
                    rLock.unlock();
                }
            } finally {
                rLock.unlock();
            }
        }
    }

    /**
     * Seed {@code 004_9b7a5e9ccfbf269c.txt}'s first remedy: thread2 still holds lock2 first, but only TRIES lock1
     * ({@code tryLock()} never waits); on failure it releases lock2, lets thread1 finish, and retries. No thread ever
     * waits for a lock while holding the other in the wrong order, so there is no deadlock.
     */
    public static final class BackOff {
        private final ReentrantLock lock1 = new ReentrantLock();
        private final ReentrantLock lock2 = new ReentrantLock();

        public void thread1() {
            lock1.lock();
            try {
                System.out.println("-----get lock1----");
                lock2.lock();
                try {
                    System.out.println("-----get lock2----");
                } finally {
                    lock2.unlock();
                }
            } finally {
                lock1.unlock();
            }
        }

        public void thread2() {
            while (!thread2Once()) {
                Thread.yield();
            }
        }

        private boolean thread2Once() {
            lock2.lock();
            try {
                System.out.println("-----get lock2----");
                if (!lock1.tryLock()) {
                    return false;
                }
                try {
                    System.out.println("-----get lock1----");
                    return true;
                } finally {
                    lock1.unlock();
                }
            } finally {
                lock2.unlock();
            }
        }
    }
}
