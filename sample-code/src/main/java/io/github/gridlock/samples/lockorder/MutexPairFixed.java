package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed twin of {@link MutexPairDeadlock}: both functions take the locks in one global order, A before B
 * (seed {@code 004_9b7a5e9ccfbf269c.txt}'s advice: give every lock a rank and only take them in ascending order).
 */
public class MutexPairFixed extends Thread {

    static final Lock mutexA = new ReentrantLock();
    static final Lock mutexB = new ReentrantLock();

    @Override
    public void run() {
        func1();
        func2();
    }

    void func1() {
        mutexA.lock();
        try {
            mutexB.lock();
            try {
                System.out.println(getName() + " got A, B");
            } finally {
                mutexB.unlock();
            }
        } finally {
            mutexA.unlock();
        }
    }

    void func2() {
        mutexA.lock();
        try {
            mutexB.lock();
            try {
                System.out.println(getName() + " got A, B again");
            } finally {
                mutexB.unlock();
            }
        } finally {
            mutexA.unlock();
        }
    }
}
