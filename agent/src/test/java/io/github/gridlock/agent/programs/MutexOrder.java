package io.github.gridlock.agent.programs;

/** The classic: func1 takes mutexA then mutexB, func2 takes mutexB then mutexA. Deadlocks on an unlucky schedule. */
public final class MutexOrder {
    private static final Object mutexA = new Object();
    private static final Object mutexB = new Object();
    static int counter;

    static void func1() {
        synchronized (mutexA) {
            synchronized (mutexB) {
                counter++;
            }
        }
    }

    static void func2() {
        synchronized (mutexB) {
            synchronized (mutexA) {
                counter++;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Schedules.oneAfterTheOther("worker-1", MutexOrder::func1, "worker-2", MutexOrder::func2);
        System.out.println("done " + counter);
    }
}
