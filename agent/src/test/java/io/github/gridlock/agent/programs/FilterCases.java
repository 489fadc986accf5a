package io.github.gridlock.agent.programs;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lock-order cycles that cannot deadlock, one per false-positive filter. Arg selects the case:
 * <ul>
 * <li>single-thread: one thread takes A->B then B->A;</li>
 * <li>gate: two threads take A->B and B->A, each while holding the gate lock G;</li>
 * <li>hb-start: main takes A->B, then starts a thread that takes B->A;</li>
 * <li>hb-join: a thread takes A->B, main joins it, then takes B->A;</li>
 * <li>hb-start-again: like hb-start, but main takes A->B once more after the start, concurrently with the thread
 * (it waits on a latch, which is not happens-before for the agent). A real cycle: reported.</li>
 * <li>read-read: two threads take read(A)->read(B) and read(B)->read(A) on ReentrantReadWriteLocks, no writer;</li>
 * <li>read-read-writer: the same, plus a third thread that write-locks A and, separately, B: writers queued on both
 * locks block new readers, so the two readers can wedge each other.</li>
 * <li>read-read-one-writer: the same with a writer of A only: reader-1 can still get B, so nothing to report.</li>
 * <li>rw-mixed: not a false positive: write(A)->write(B) and read(B)->read(A) on ReentrantReadWriteLocks. The halves
 * of one lock are one node, so this is a cycle (the writer waits for the reader and vice versa).</li>
 * </ul>
 */
public final class FilterCases {
    private static final Object A = new Object();
    private static final Object B = new Object();
    private static final Object G = new Object();
    private static final ReentrantReadWriteLock rwA = new ReentrantReadWriteLock();
    private static final ReentrantReadWriteLock rwB = new ReentrantReadWriteLock();

    static void ab() {
        synchronized (A) {
            synchronized (B) {
                A.hashCode();
            }
        }
    }

    static void ba() {
        synchronized (B) {
            synchronized (A) {
                A.hashCode();
            }
        }
    }

    static void gated(Runnable r) {
        synchronized (G) {
            r.run();
        }
    }

    static void readThenRead(ReentrantReadWriteLock first, ReentrantReadWriteLock second) {
        first.readLock().lock();
        try {
            second.readLock().lock();
            try {
                first.hashCode();
            } finally {
                second.readLock().unlock();
            }
        } finally {
            first.readLock().unlock();
        }
    }

    static void writeThenWrite(ReentrantReadWriteLock first, ReentrantReadWriteLock second) {
        first.writeLock().lock();
        try {
            second.writeLock().lock();
            try {
                first.hashCode();
            } finally {
                second.writeLock().unlock();
            }
        } finally {
            first.writeLock().unlock();
        }
    }

    static void write(ReentrantReadWriteLock rw) {
        rw.writeLock().lock();
        try {
            rw.hashCode();
        } finally {
            rw.writeLock().unlock();
        }
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "single-thread":
                ab();
                ba();
                break;
            case "gate":
                Schedules.oneAfterTheOther("gated-1", () -> gated(FilterCases::ab), "gated-2",
                        () -> gated(FilterCases::ba));
                break;
            case "hb-start": {
                ab();
                Thread t = new Thread(FilterCases::ba, "started-later");
                t.start();
                t.join();
                break;
            }
            case "hb-start-again": {
                ab();
                java.util.concurrent.CountDownLatch baDone = new java.util.concurrent.CountDownLatch(1);
                Thread t = new Thread(() -> {
                    ba();
                    baDone.countDown();
                }, "started-later");
                t.start();
                baDone.await();
                ab();
                t.join();
                break;
            }
            case "hb-join": {
                Thread t = new Thread(FilterCases::ab, "joined-first");
                t.start();
                t.join();
                ba();
                break;
            }
            case "read-read":
                Schedules.oneAfterTheOther("reader-1", () -> readThenRead(rwA, rwB), "reader-2",
                        () -> readThenRead(rwB, rwA));
                break;
            case "read-read-writer":
            case "read-read-one-writer": {
                Schedules.oneAfterTheOther("reader-1", () -> readThenRead(rwA, rwB), "reader-2",
                        () -> readThenRead(rwB, rwA));
                boolean both = args[0].equals("read-read-writer");
                Thread w = new Thread(() -> {
                    write(rwA);
                    if (both) {
                        write(rwB);
                    }
                }, "writer");
                w.start();
                w.join();
                break;
            }
            case "rw-mixed":
                Schedules.oneAfterTheOther("writer-1", () -> writeThenWrite(rwA, rwB), "reader-2",
                        () -> readThenRead(rwB, rwA));
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
        System.out.println("done " + args[0]);
    }
}
