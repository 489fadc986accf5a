package io.github.gridlock.samples.lockorder;

import java.util.concurrent.Callable;

/**
 * Safe look-alikes for GL_LOCK_ORDER_INVERSION: code that takes {@code a} appears lexically inside a
 * {@code synchronized (b)} block, but only as the body of a lambda or an anonymous class that is created
 * there and run later, by whoever calls it, with no lock held. Creating a task is not running it, so there is
 * no edge b → a, only {@code ab()}'s a → b.
 */
public class DeferredLockLookAlikes {

    private final Object a = new Object();
    private final Object b = new Object();
    private int aCount;
    private int bCount;

    public void ab() {
        synchronized (a) {
            aCount += 1;
            synchronized (b) {
                bCount += 1;
            }
        }
    }

    /** The lambda is built while b is held; its body runs later. */
    public Runnable lambdaBuiltUnderB() {
        synchronized (b) {
            bCount += 1;
            return () -> {
                synchronized (a) {
                    aCount += 1;
                }
            };
        }
    }

    /** The anonymous class is instantiated while b is held; call() runs later. */
    public Callable<Integer> taskBuiltUnderB() {
        synchronized (b) {
            bCount += 1;
            return new Callable<Integer>() {
                @Override
                public Integer call() {
                    synchronized (a) {
                        return aCount;
                    }
                }
            };
        }
    }
}
