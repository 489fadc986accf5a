package io.github.gridlock.samples.sharedstate;

/**
 * GL_UNSYNCHRONIZED_COUNTER. Seed {@code 004_9b7a5e9ccfbf269c.txt}: two threads each do {@code g_num += 1} a million
 * times. {@code ++} and {@code +=} are three steps (read, add, write); two threads interleave them and increments are
 * lost, so the total ends below two million. Each increment below runs on two threads with no lock held.
 *
 * @see GlobalCounterRaceFixed
 */
public class GlobalCounterRace {

    static int gNum;

    private int hits;
    private long bytesServed;
    private int remaining = 1000;

    /** The seed's {@code test1}: {@code g_num += 1} on a static, from two threads. */
    static void test1(int num) {
        for (int i = 0; i < num; i++) {
            gNum += 1; // expect: GL_UNSYNCHRONIZED_COUNTER
        }
    }

    public static void seed() throws InterruptedException {
        Thread p1 = new Thread(() -> test1(1_000_000));
        Thread p2 = new Thread(() -> test1(1_000_000));
        p1.start();
        p2.start();
        p1.join();
        p2.join();
        System.out.println("---g_num=" + gNum);
    }

    /** An instance counter bumped by an inner-class Runnable started on two threads. */
    private final class HitRecorder implements Runnable {
        @Override
        public void run() {
            for (int i = 0; i < 1000; i++) {
                hits++; // expect: GL_UNSYNCHRONIZED_COUNTER
            }
        }
    }

    /** Lambdas adding to and counting down instance fields, each started on two threads. */
    public void serve(int requestBytes) throws InterruptedException {
        Runnable addBytes = () -> bytesServed += requestBytes; // expect: GL_UNSYNCHRONIZED_COUNTER
        Runnable countDown = () -> remaining--; // expect: GL_UNSYNCHRONIZED_COUNTER
        Thread[] threads = {
            new Thread(new HitRecorder()), new Thread(new HitRecorder()),
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
