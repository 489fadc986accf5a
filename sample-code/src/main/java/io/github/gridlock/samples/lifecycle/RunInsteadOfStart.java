package io.github.gridlock.samples.lifecycle;

import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * GL_RUN_INSTEAD_OF_START: {@code run()} called on an object that is a {@link Thread}. The body then runs on the
 * caller's thread, synchronously: seed {@code 004_9b7a5e9ccfbf269c.txt}'s "no waiting, it runs in parallel" silently
 * becomes serial, {@code Thread.currentThread()} inside the body is the caller, and a caller that expected to continue
 * at once blocks for the whole task. The program still "works", which is why this survives testing.
 *
 * @see RunInsteadOfStartFixed
 */
public class RunInsteadOfStart {

    private final ThreadFactory threads;
    /** A Runnable-typed field whose value is always a Thread subclass. */
    private final Runnable flusher = new ReportWorker(List.of("flush"));

    public RunInsteadOfStart(ThreadFactory threads) {
        this.threads = threads;
    }

    static void work() {
        for (int i = 0; i < 3; i++) {
            System.out.println(Thread.currentThread().getName() + " ----> " + i);
        }
    }

    /** Seed {@code 004_9b7a5e9ccfbf269c.txt}'s {@code t = Thread(target=work)} four times, with {@code t.run()} typed for {@code t.start()}. */
    public void seedFourWorkers() {
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(RunInsteadOfStart::work, "worker-" + i);
            t.run(); // expect: GL_RUN_INSTEAD_OF_START
        }
    }

    /** Seed {@code 004_9b7a5e9ccfbf269c.txt}'s MyThread subclass, created and run in one expression. */
    public void subclassDirect(List<String> batch) {
        new ReportWorker(batch).run(); // expect: GL_RUN_INSTEAD_OF_START
    }

    /** The receiver's static type is Runnable, but its value is known to be a Thread: SpotBugs core misses this. */
    public void runnableHoldingThread(List<String> batch) {
        Runnable r = new ReportWorker(batch);
        r.run(); // expect: GL_RUN_INSTEAD_OF_START
    }

    /** A Thread subclass obtained from a factory method. */
    public int fromFactoryMethod(List<String> batch) {
        ReportWorker w = ReportWorker.forBatch(batch);
        w.run(); // expect: GL_RUN_INSTEAD_OF_START
        return w.printed();
    }

    /** A Thread obtained from a ThreadFactory: configured for the pool, then run on the caller anyway. */
    public void fromThreadFactory(Runnable task) {
        Thread t = threads.newThread(task);
        t.run(); // expect: GL_RUN_INSTEAD_OF_START
    }

    /** An anonymous Thread subclass. */
    public void anonymousSubclass() {
        Thread t = new Thread("anonymous") {
            @Override
            public void run() {
                work();
            }
        };
        t.run(); // expect: GL_RUN_INSTEAD_OF_START
    }

    /** One thread started, the other run by mistake (SpotBugs core stops looking after a method's first start()). */
    public void startOneRunOther(Runnable left, Runnable right) throws InterruptedException {
        Thread a = new Thread(left, "left");
        Thread b = new Thread(right, "right");
        a.start();
        b.run(); // expect: GL_RUN_INSTEAD_OF_START
        a.join();
    }

    /** The Runnable-typed final field above always holds a Thread. */
    public void flushNow() {
        flusher.run(); // expect: GL_RUN_INSTEAD_OF_START
    }
}
