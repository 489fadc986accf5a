package io.github.gridlock.samples.lifecycle;

import java.util.List;

/**
 * A {@link Thread} subclass (seed {@code 004_9b7a5e9ccfbf269c.txt}'s {@code class MyThread(Thread)} with a {@code run()}
 * that loops and sleeps). Used by {@link RunInsteadOfStart} and its fixed twin; nothing in this class itself is a finding.
 */
public class ReportWorker extends Thread {

    private final List<String> batch;
    private volatile int printed;

    public ReportWorker(List<String> batch) {
        super("report-worker");
        this.batch = batch;
    }

    /** Factory method: the static type of the result is still a Thread subclass. */
    public static ReportWorker forBatch(List<String> batch) {
        return new ReportWorker(batch);
    }

    @Override
    public void run() {
        int n = 0;
        for (String line : batch) {
            System.out.println(getName() + " " + line);
            n++;
        }
        printed = n;
    }

    public int printed() {
        return printed;
    }
}
