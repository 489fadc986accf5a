package io.github.gridlock.samples.lockorder;

/** Fixed twin of {@link NestedMonitorDeadlock}: every path nests lock1 outside lock2, and A outside B. */
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
}
