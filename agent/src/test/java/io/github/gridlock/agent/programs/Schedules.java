package io.github.gridlock.agent.programs;

import java.util.concurrent.CountDownLatch;

/** Schedules for the programs: run two tasks in two threads that overlap in time but never contend. */
final class Schedules {
    private Schedules() {
    }

    /**
     * Starts both threads at once, then lets {@code first} run to completion before {@code second} begins
     * (a latch, which the agent does not treat as happens-before). Lucky schedule: no hang.
     */
    static void oneAfterTheOther(String name1, Runnable first, String name2, Runnable second)
            throws InterruptedException {
        CountDownLatch firstDone = new CountDownLatch(1);
        Thread t1 = new Thread(() -> {
            first.run();
            firstDone.countDown();
        }, name1);
        Thread t2 = new Thread(() -> {
            try {
                firstDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            second.run();
        }, name2);
        t1.start();
        t2.start();
        t1.join();
        t2.join();
    }
}
