package io.github.gridlock.samples.sharedstate;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed twin of {@link GlobalCounterRace}: the seed's own fix ({@code mutex.acquire(); g_num += 1;
 * mutex.release()}) as a synchronized block, and atomics for the instance counters.
 */
public class GlobalCounterRaceFixed {

    private static final Object MUTEX = new Object();
    static int gNum;

    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicLong bytesServed = new AtomicLong();
    private final AtomicInteger remaining = new AtomicInteger(1000);

    static void test1(int num) {
        for (int i = 0; i < num; i++) {
            synchronized (MUTEX) {
                gNum += 1;
            }
        }
    }

    public static void seed() throws InterruptedException {
        Thread p1 = new Thread(() -> test1(1_000_000));
        Thread p2 = new Thread(() -> test1(1_000_000));
        p1.start();
        p2.start();
        p1.join();
        p2.join();
        synchronized (MUTEX) {
            System.out.println("---g_num=" + gNum);
        }
    }

    public void serve(int requestBytes) throws InterruptedException {
        Runnable recordHits = () -> {
            for (int i = 0; i < 1000; i++) {
                hits.incrementAndGet();
            }
        };
        Runnable addBytes = () -> bytesServed.addAndGet(requestBytes);
        Runnable countDown = remaining::decrementAndGet;
        Thread[] threads = {
            new Thread(recordHits), new Thread(recordHits),
            new Thread(addBytes), new Thread(addBytes),
            new Thread(countDown), new Thread(countDown),
        };
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(hits + " " + bytesServed + " " + remaining);
    }
}
