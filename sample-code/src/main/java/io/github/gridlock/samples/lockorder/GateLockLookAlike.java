package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alike for GL_LOCK_ORDER_INVERSION: {@code forward} takes {@code first} then {@code second},
 * {@code backward} takes {@code second} then {@code first}, a cycle in the lock-order graph; but both do it
 * while holding the same outer {@code gate}. Only one thread at a time can be inside either nesting, so the
 * two inner orders can never interleave (the gate serialises the cycle). Not reported. The gate itself is
 * always taken first, so it adds no cycle of its own.
 */
public class GateLockLookAlike {

    private final Object gate = new Object();
    private final ReentrantLock first = new ReentrantLock();
    private final ReentrantLock second = new ReentrantLock();

    public void forward() {
        synchronized (gate) {
            first.lock();
            try {
                second.lock();
                try {
                    System.out.println("first, second under the gate");
                } finally {
                    second.unlock();
                }
            } finally {
                first.unlock();
            }
        }
    }

    public void backward() {
        synchronized (gate) {
            second.lock();
            try {
                first.lock();
                try {
                    System.out.println("second, first under the gate");
                } finally {
                    first.unlock();
                }
            } finally {
                second.unlock();
            }
        }
    }
}
