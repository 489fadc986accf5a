package io.github.gridlock.agent.programs;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Object.wait and Condition.await release the lock and take it back with its hold count. Args:
 * <ul>
 * <li>wait-released: "waiter" waits on A (inside synchronized(A)), leaves, then takes C; "other" takes C->A. Nothing
 * to report (A is not held when the waiter takes C).</li>
 * <li>await-reacquired: "waiter" locks L twice, awaits on L's condition, unlocks once (still holds L) and locks C:
 * edge L->C. "other" takes C->L. A cycle must be reported.</li>
 * </ul>
 */
public final class WaitAndAwait {
    private static final Object A = new Object();
    private static final Object C = new Object();
    private static final Lock L = new ReentrantLock();
    private static final Condition ready = L.newCondition();

    static void waitReleased() {
        synchronized (A) {
            try {
                A.wait(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (C) {
            C.hashCode();
        }
    }

    static void cThenA() {
        synchronized (C) {
            synchronized (A) {
                A.hashCode();
            }
        }
    }

    static void awaitReacquired() {
        L.lock();
        L.lock();
        try {
            ready.await(5, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        L.unlock();
        synchronized (C) { // L is still held once: edge L -> C
            C.hashCode();
        }
        L.unlock();
    }

    static void cThenL() {
        synchronized (C) {
            L.lock();
            L.unlock();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("wait-released")) {
            Schedules.oneAfterTheOther("waiter", WaitAndAwait::waitReleased, "other", WaitAndAwait::cThenA);
        } else {
            Schedules.oneAfterTheOther("waiter", WaitAndAwait::awaitReacquired, "other", WaitAndAwait::cThenL);
        }
        System.out.println("done " + args[0]);
    }
}
