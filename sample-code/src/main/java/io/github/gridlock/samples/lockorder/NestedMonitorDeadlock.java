package io.github.gridlock.samples.lockorder;

/**
 * GL_LOCK_ORDER_INVERSION with monitors. Seed {@code 004_9b7a5e9ccfbf269c.txt}: {@code with lock1: with lock2} in {@code
 * thread1} against {@code with lock2: with lock1} in {@code thread2}; "if thread 1 is a little slow after getting lock1,
 * thread 2 gets lock2, and neither can go on". Also seed {@code 001_69ed1f58e3fcc223.txt}'s {@code actionA}/{@code
 * actionB} with locks {@code A}/{@code B}, reached here through a helper method: the inner acquisition of {@code actionB}
 * is the call to {@code withA()}. Two cycles, one finding each, at the earliest inner acquisition of each cycle.
 *
 * @see NestedMonitorFixed
 */
public class NestedMonitorDeadlock {

    private static final Object lock1 = new Object();
    private static final Object lock2 = new Object();
    private final Object a = new Object();
    private final Object b = new Object();

    public static void thread1() {
        synchronized (lock1) {
            System.out.println("-----get lock1----");
            synchronized (lock2) { // expect: GL_LOCK_ORDER_INVERSION
                System.out.println("-----get lock2----");
            }
        }
    }

    public static void thread2() {
        synchronized (lock2) {
            System.out.println("-----get lock2----");
            synchronized (lock1) {
                System.out.println("-----get lock1----");
            }
        }
    }

    public void actionA() {
        synchronized (a) {
            System.out.println("got lock A");
            synchronized (b) { // expect: GL_LOCK_ORDER_INVERSION
                System.out.println("got lock B");
            }
        }
    }

    public void actionB() {
        synchronized (b) {
            System.out.println("got lock B");
            withA();
        }
    }

    private void withA() {
        synchronized (a) {
            System.out.println("got lock A");
        }
    }
}
