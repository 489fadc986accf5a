package io.github.gridlock.agent.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Load the agent must take without a false report, a hang or a changed result (issue #16). Every shape takes its
 * locks in one global order, so a correct agent reports nothing; each prints a deterministic result. Args: the shape.
 *
 * <ul>
 *   <li>{@code nested}: 64 threads, 1 000 000 acquisitions in all, nested three deep over 1 000 monitors and 1 000
 *       {@code ReentrantLock}s (a thread takes lock k, k+1, k+2 of one kind), with an exception thrown out of the
 *       innermost block or a synchronized method every 7th time;</li>
 *   <li>{@code handoff}: 20 000 ping-pong hand-offs with {@code wait}/{@code notify} and with a {@code Condition},
 *       each while another lock is held;</li>
 *   <li>{@code clinit}: 8 threads at once trigger the initialisation of a class whose static initialiser takes a
 *       monitor, a {@code ReentrantLock} and calls a static synchronized method;</li>
 *   <li>{@code virtual N}: N virtual threads (JDK 21+), each taking two of 100 locks in order;</li>
 *   <li>{@code churn THREADS SECONDS}: for measurement, not a test (see {@link #churn}).</li>
 * </ul>
 */
public final class Stress {
    private static final int LOCKS = 1000;
    private static final Object[] MONITORS = new Object[LOCKS];
    private static final ReentrantLock[] LOCKS_ = new ReentrantLock[LOCKS];
    private static final AtomicLong TOTAL = new AtomicLong();
    private static final AtomicLong CPU_NANOS = new AtomicLong();

    static {
        for (int i = 0; i < LOCKS; i++) {
            MONITORS[i] = new Object();
            LOCKS_[i] = new ReentrantLock();
        }
    }

    private Stress() {
    }

    /** Acquisitions nested three deep: k, k+1, k+2. Returns the number of acquisitions. */
    static int nestedMonitors(int k, boolean fail) {
        synchronized (MONITORS[k]) {
            synchronized (MONITORS[k + 1]) {
                try {
                    innermost(MONITORS[k + 2], fail);
                } catch (IllegalStateException expected) {
                    TOTAL.addAndGet(0);
                }
            }
        }
        return 3;
    }

    private static void innermost(Object monitor, boolean fail) {
        synchronized (monitor) {
            if (fail) {
                throw new IllegalStateException("out of the block");
            }
        }
    }

    static int nestedLocks(int k, boolean fail) {
        LOCKS_[k].lock();
        try {
            LOCKS_[k + 1].lock();
            try {
                LOCKS_[k + 2].lock();
                try {
                    if (fail) {
                        throw new IllegalStateException("out of the lock");
                    }
                } finally {
                    LOCKS_[k + 2].unlock();
                }
            } catch (IllegalStateException expected) {
                TOTAL.addAndGet(0);
            } finally {
                LOCKS_[k + 1].unlock();
            }
        } finally {
            LOCKS_[k].unlock();
        }
        return 3;
    }

    static void nested() throws InterruptedException {
        int threads = 64;
        int perThread = 1_000_000 / 3 / threads + 1;
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            all.add(new Thread(() -> {
                long rnd = seed * 0x9E3779B97F4A7C15L + 1;
                long n = 0;
                for (int i = 0; i < perThread; i++) {
                    rnd = rnd * 6364136223846793005L + 1442695040888963407L;
                    int k = (int) ((rnd >>> 33) % (LOCKS - 2));
                    boolean fail = i % 7 == 0;
                    n += (i & 1) == 0 ? nestedMonitors(k, fail) : nestedLocks(k, fail);
                }
                TOTAL.addAndGet(n);
            }, "nested-" + t));
        }
        for (Thread t : all) {
            t.start();
        }
        for (Thread t : all) {
            t.join();
        }
        System.out.println("acquisitions " + TOTAL.get());
    }

    static void handoff() throws InterruptedException {
        Object outer = new Object();
        Object monitor = new Object();
        ReentrantLock lock = new ReentrantLock();
        Condition turn = lock.newCondition();
        int rounds = 10_000;
        boolean[] monitorTurn = {false};
        boolean[] lockTurn = {false};
        Thread other = new Thread(() -> {
            for (int i = 0; i < rounds; i++) {
                synchronized (monitor) {
                    while (!monitorTurn[0]) {
                        waitOn(monitor);
                    }
                    monitorTurn[0] = false;
                    monitor.notifyAll();
                }
                lock.lock();
                try {
                    while (!lockTurn[0]) {
                        turn.awaitUninterruptibly();
                    }
                    lockTurn[0] = false;
                    turn.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }, "handoff-other");
        other.start();
        for (int i = 0; i < rounds; i++) {
            synchronized (outer) {
                synchronized (monitor) {
                    monitorTurn[0] = true;
                    monitor.notifyAll();
                    while (monitorTurn[0]) {
                        waitOn(monitor);
                    }
                }
                lock.lock();
                try {
                    lockTurn[0] = true;
                    turn.signalAll();
                    while (lockTurn[0]) {
                        turn.awaitUninterruptibly();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
        other.join();
        System.out.println("hand-offs " + 2 * rounds);
    }

    private static void waitOn(Object monitor) {
        try {
            monitor.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Its static initialiser locks. */
    static final class LocksWhileInitialised {
        static final ReentrantLock LOCK = new ReentrantLock();
        static final int VALUE;

        static {
            int v;
            synchronized (MONITORS[0]) {
                LOCK.lock();
                try {
                    v = compute();
                } finally {
                    LOCK.unlock();
                }
            }
            VALUE = v;
        }

        static synchronized int compute() {
            synchronized (MONITORS[1]) {
                return 42;
            }
        }
    }

    static void clinit() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            all.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (MONITORS[0]) {
                    TOTAL.addAndGet(LocksWhileInitialised.VALUE);
                }
            }, "init-" + t));
        }
        for (Thread t : all) {
            t.start();
        }
        go.countDown();
        for (Thread t : all) {
            t.join();
        }
        System.out.println("initialised, total " + TOTAL.get());
    }

    static void virtual(int count) throws Exception {
        List<Thread> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int k = i % 99;
            all.add(VirtualThreads.virtual("v" + i, () -> {
                synchronized (MONITORS[k]) {
                    LOCKS_[k + 1].lock();
                    try {
                        TOTAL.incrementAndGet();
                    } finally {
                        LOCKS_[k + 1].unlock();
                    }
                }
            }));
        }
        for (Thread t : all) {
            t.start();
        }
        for (Thread t : all) {
            t.join();
        }
        System.out.println("virtual threads done " + TOTAL.get());
    }

    /** A pool-like object with locks of its own, made and dropped continuously (commons-pool2's tests). */
    static final class Pool {
        final ReentrantLock lock = new ReentrantLock();
        final Object monitor = new Object();

        void use() {
            synchronized (MONITORS[0]) {
                lock.lock();
                try {
                    synchronized (monitor) {
                        TOTAL.incrementAndGet();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * Measurement only (see docs/agent.md): {@code threads} threads make, use and drop {@link Pool}s for
     * {@code seconds}; each pool adds two locks and three edges to the agent's graph.
     */
    static void churn(int threads, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(new Thread(() -> {
                while (System.nanoTime() < end) {
                    new Pool().use();
                }
                CPU_NANOS.addAndGet(java.lang.management.ManagementFactory.getThreadMXBean()
                        .getCurrentThreadCpuTime());
            }, "churn-" + t));
        }
        for (Thread t : all) {
            t.start();
        }
        for (Thread t : all) {
            t.join();
        }
        long cpuMillis = Math.max(1, CPU_NANOS.get() / 1_000_000);
        System.out.println("pools used " + TOTAL.get() + " in " + cpuMillis + " ms of the threads' CPU: "
                + TOTAL.get() / cpuMillis + " per CPU-ms");
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "nested":
                nested();
                break;
            case "handoff":
                handoff();
                break;
            case "clinit":
                clinit();
                break;
            case "churn":
                churn(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                break;
            case "virtual":
                virtual(Integer.parseInt(args[1]));
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }
}
