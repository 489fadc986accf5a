package io.github.gridlock.agent.programs;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Forces the unlucky schedule: each thread holds its first lock before either asks for its second. Arg "monitor" or
 * "lock". Under onCycle=log the threads really deadlock (daemon threads; main gives up after a few seconds and
 * exits); under onCycle=fail the second thread to ask is refused with LockOrderViolation and both finish.
 */
public final class RealDeadlock {
    private static final Object monitorA = new Object();
    private static final Object monitorB = new Object();
    private static final Lock lockA = new ReentrantLock();
    private static final Lock lockB = new ReentrantLock();
    private static final CountDownLatch bothHoldFirst = new CountDownLatch(2);

    static void monitors(Object first, Object second) {
        synchronized (first) {
            arrive();
            synchronized (second) {
                System.out.println(Thread.currentThread().getName() + " got both");
            }
        }
    }

    static void locks(Lock first, Lock second) {
        first.lock();
        try {
            arrive();
            second.lock();
            try {
                System.out.println(Thread.currentThread().getName() + " got both");
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }

    private static void arrive() {
        bothHoldFirst.countDown();
        try {
            bothHoldFirst.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread thread(String name, Runnable r) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (Error e) {
                System.out.println(name + " refused: " + e.getClass().getName() + ": " + e.getMessage());
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    public static void main(String[] args) throws Exception {
        boolean monitor = args.length == 0 || args[0].equals("monitor");
        Thread t1 = thread("deadlock-1", monitor ? () -> monitors(monitorA, monitorB) : () -> locks(lockA, lockB));
        Thread t2 = thread("deadlock-2", monitor ? () -> monitors(monitorB, monitorA) : () -> locks(lockB, lockA));
        t1.start();
        t2.start();
        long waitMs = args.length > 1 ? Long.parseLong(args[1]) : 3000;
        t1.join(waitMs);
        t2.join(waitMs);
        System.out.println(t1.isAlive() || t2.isAlive() ? "hung" : "finished");
        System.exit(0);
    }
}
