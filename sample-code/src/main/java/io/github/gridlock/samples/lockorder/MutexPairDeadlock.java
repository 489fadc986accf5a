package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_LOCK_ORDER_INVERSION. Seed {@code 002_3c6ada6ae3eed539.txt} (and {@code 000_fad6ca671c6af024.txt}): {@code func1}
 * takes {@code mutexA} then {@code mutexB}, {@code func2} takes {@code mutexB} then {@code mutexA}, and ten threads
 * each run both. A thread in func1 holding A and a thread in func2 holding B each wait for the other's lock forever:
 * the whole program hangs. One cycle, so one finding: at the inner acquisition of the edge that comes first in the file
 * (func1's {@code mutexB.lock()}).
 *
 * @see MutexPairFixed
 */
public class MutexPairDeadlock extends Thread {

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
            System.out.println(getName() + " got A");
            mutexB.lock(); // expect: GL_LOCK_ORDER_INVERSION
            try {
                System.out.println(getName() + " got B");
            } finally {
                mutexB.unlock();
            }
        } finally {
            mutexA.unlock();
        }
    }

    void func2() {
        mutexB.lock();
        try {
            System.out.println(getName() + " got B");
            mutexA.lock();
            try {
                System.out.println(getName() + " got A");
            } finally {
                mutexA.unlock();
            }
        } finally {
            mutexB.unlock();
        }
    }
}
