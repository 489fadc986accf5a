package io.github.gridlock.agent.programs;

import java.util.concurrent.locks.ReentrantLock;

/** Hot synchronized blocks, synchronized methods and Lock calls, so the JIT compiles them (see JitIT). */
public final class HotLoops {
    private final Object a = new Object();
    private final Object b = new Object();
    private final ReentrantLock l1 = new ReentrantLock();
    private final ReentrantLock l2 = new ReentrantLock();
    private long counter;

    int syncNested(int i) {
        synchronized (a) {
            synchronized (b) {
                counter += i;
                return (int) counter;
            }
        }
    }

    synchronized int syncMethod(int i) {
        counter += i;
        return (int) counter;
    }

    int syncThrowing(int i) {
        try {
            synchronized (a) {
                if ((i & 1023) == 0) {
                    throw new IllegalStateException("rare");
                }
                counter++;
            }
        } catch (IllegalStateException e) {
            counter--;
        }
        return (int) counter;
    }

    int lockNested(int i) {
        l1.lock();
        try {
            l2.lock();
            try {
                counter += i;
                return (int) counter;
            } finally {
                l2.unlock();
            }
        } finally {
            l1.unlock();
        }
    }

    public static void main(String[] args) {
        HotLoops h = new HotLoops();
        long sum = 0;
        for (int i = 0; i < 300_000; i++) {
            sum += h.syncNested(i) + h.syncMethod(i) + h.syncThrowing(i) + h.lockNested(i);
        }
        System.out.println("sum " + sum);
    }
}
