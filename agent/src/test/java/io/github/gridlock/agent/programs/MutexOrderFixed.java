package io.github.gridlock.agent.programs;

/** Fixed twin of {@link MutexOrder}: both functions take mutexA first. */
public final class MutexOrderFixed {
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
        synchronized (mutexA) {
            synchronized (mutexB) {
                counter++;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Schedules.oneAfterTheOther("worker-1", MutexOrderFixed::func1, "worker-2", MutexOrderFixed::func2);
        System.out.println("done " + counter);
    }
}
