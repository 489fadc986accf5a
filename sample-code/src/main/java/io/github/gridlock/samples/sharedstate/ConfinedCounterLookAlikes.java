package io.github.gridlock.samples.sharedstate;

import java.util.List;

/**
 * Safe look-alikes for GL_UNSYNCHRONIZED_COUNTER: unsynchronized {@code ++}/{@code +=} that no second thread
 * can race with: a local variable inside the task, a field written by exactly one thread (the worker) and read
 * by the starter only after {@code join()}, and a counter on an object that never leaves its thread.
 */
public class ConfinedCounterLookAlikes {

    private int processed;

    /** Each thread counts into its own local; only the single final result is published, under join(). */
    public int countLocally(List<String> items) throws InterruptedException {
        int[] result = new int[1];
        Thread t = new Thread(() -> {
            int count = 0;
            for (String s : items) {
                count += s.length();
            }
            result[0] = count;
        });
        t.start();
        t.join();
        return result[0];
    }

    /** One writer thread: the field is incremented only by the single worker, then read after join(). */
    public int singleWriter(List<String> items) throws InterruptedException {
        Thread worker = new Thread(() -> {
            for (String s : items) {
                if (!s.isEmpty()) {
                    processed++;
                }
            }
        });
        worker.start();
        worker.join();
        return processed;
    }

    /** A per-call tally object that is created, filled and read on one thread. */
    static final class Tally {
        int lines;
        long chars;
    }

    public static Tally tally(List<String> lines) {
        Tally t = new Tally();
        for (String line : lines) {
            t.lines++;
            t.chars += line.length();
        }
        return t;
    }
}
