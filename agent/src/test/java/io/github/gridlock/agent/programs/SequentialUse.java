package io.github.gridlock.agent.programs;

import io.github.gridlock.agent.runtime.LockOrderViolation;

/**
 * A user's first test of the agent: two threads take mutexA/mutexB in opposite orders, run one after the other
 * with start/join so that nothing can hang. Arg "catch": each thread reports a refused acquisition on stdout.
 */
public final class SequentialUse {
    public static void main(String[] args) throws Exception {
        boolean catching = args.length > 0 && args[0].equals("catch");
        Thread t1 = new Thread(guarded(MutexOrder::func1, catching), "first");
        t1.start();
        t1.join();
        Thread t2 = new Thread(guarded(MutexOrder::func2, catching), "second");
        t2.start();
        t2.join();
        System.out.println("done " + MutexOrder.counter);
    }

    private static Runnable guarded(Runnable body, boolean catching) {
        return () -> {
            try {
                body.run();
            } catch (LockOrderViolation e) {
                if (!catching) {
                    throw e;
                }
                System.out.println(Thread.currentThread().getName() + " refused: " + e.getMessage());
            }
        };
    }
}
