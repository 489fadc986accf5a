package io.github.gridlock.detectors.inputs;

import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Inputs for thread entries and happens-before points: {@code // entry: NAME once|concurrent} at a hand-off names
 * the method that runs on the other thread (by name prefix) and whether two runs of it may overlap;
 * {@code // sync: KIND} marks a happens-before point.
 */
@SuppressWarnings("unused")
public class Entries {
    private final Executor executor;
    private int counter;

    Entries(Executor executor) {
        this.executor = executor;
    }

    void bump() {
        counter++;
    }

    void oneThread() throws InterruptedException {
        Thread t = new Thread(() -> bump()); // entry: lambda$oneThread once
        t.start(); // sync: START
        t.join(); // sync: JOIN
    }

    void twoThreadsSameTask() {
        Runnable task = this::bump;
        new Thread(task).start(); // entry: bump concurrent
        new Thread(task).start(); // entry: bump concurrent
    }

    void inLoop(List<String> items) {
        for (String s : items) {
            executor.execute(() -> bump()); // entry: lambda$inLoop concurrent
        }
    }

    Object submitted(ExecutorService pool) throws Exception {
        Future<Integer> f = pool.submit(() -> counter); // entry: lambda$submitted once
        return f.get(); // sync: FUTURE
    }

    void async() {
        CompletableFuture.supplyAsync(() -> counter) // entry: lambda$async once
                .thenAccept(x -> bump()); // entry: lambda$async once
    }

    void runLater(Runnable r) {
        executor.execute(r);
    }

    void throughHelper() {
        runLater(() -> bump()); // entry: lambda$throughHelper once
    }

    static final class Worker extends Thread {
        private int done;

        @Override
        public void run() {
            done++;
        }
    }

    void subclass() {
        new Worker().start(); // entry: run once
    }

    static final class Job implements Runnable {
        @Override
        public void run() {
        }
    }

    void namedRunnable() {
        executor.execute(new Job()); // entry: run once
    }

    static final class Chore implements Runnable {
        @Override
        public void run() {
        }
    }

    private final Chore early = new Chore();
    private final Chore late = new Chore();

    /** One of two fields, chosen by a conditional: the task is each field's. */
    void eitherField(boolean isLate) {
        executor.execute(isLate ? late : early); // entry: run once
    }

    void timer(Timer timer) {
        timer.schedule(new TimerTask() { // entry: run once
            @Override
            public void run() {
            }
        }, 10L);
    }

    void latch(CountDownLatch done) throws InterruptedException {
        done.await(); // sync: AWAIT
    }

    /** Loops: lines of one loop (nested loops included) share a name; {@code none} is on no loop. */
    void loops(java.util.concurrent.BlockingQueue<Runnable> jobs, int n) throws InterruptedException {
        int done = 0; // loop: none
        while (done < n) {
            Runnable job = jobs.take(); // loop: outer
            for (int i = 0; i < 3; i++) {
                job.run(); // loop: outer
            }
            done++;
        }
        for (int i = 0; i < n; i++) {
            bump(); // loop: second
        }
        counter = done; // loop: none
    }

    /** An array allocated here is a fresh object, so a thread's body that writes it is known to write this one. */
    long capturedArray() throws InterruptedException {
        long[] cell = new long[1];
        Thread t = new Thread(() -> cell[0] = counter); // captures: this, a new [J
        t.start();
        t.join();
        return cell[0];
    }

    void notHandedOff() {
        Runnable r = () -> bump();
        counter++;
    }
}
