package io.github.gridlock.agent.programs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A thread that holds a lock waits for work that needs the lock (issue #18): the waits-for graph of the watchdog.
 * Args: the shape, and how long main waits for the waiter before it gives up ("hung") and exits. The waiting thread
 * and its workers are daemons, so a real deadlock does not keep the JVM alive.
 *
 * <p>Shapes that stall or deadlock: {@code evictor} (commons-pool2's EvictionTimer: a static synchronized cancel()
 * awaits, with a timeout, the termination of an executor whose task calls another static synchronized method of the
 * class), {@code join}, {@code join-timed}, {@code future-get}, {@code future-get-timed}, {@code completable-join},
 * {@code latch}, {@code latch-timed}, {@code close} (JDK 19+: args shape, give-up time, the directory of the generated class that
 * calls {@code ExecutorService.close()}), {@code chain} (the joined thread waits for a lock whose owner waits for the
 * waiter's lock). Shapes that do not: {@code evictor-fixed} (the wait outside the lock), {@code join-outside},
 * {@code other-lock} (the worker needs another lock), {@code slow-worker} (the worker sleeps, needs no lock),
 * {@code latch-counted-elsewhere} (another started thread counts the latch down), {@code different-executor} (the
 * blocked task belongs to another executor).
 */
public final class WaitForLockHolder {
    private static final long TIMEOUT_MS = 2000;
    private static final Object lock = new Object();
    private static final Object other = new Object();

    /** commons-pool2 2.12.0's EvictionTimer, reduced to its stall. */
    static final class Evictor {
        static ScheduledThreadPoolExecutor executor;
        static final CountDownLatch cancelling = new CountDownLatch(1);

        static synchronized void start() {
            executor = new ScheduledThreadPoolExecutor(1, r -> daemon("reaper", r));
            executor.execute(() -> {
                await(cancelling);
                touch(); // Reaper.run: needs the class's monitor, which cancel() holds
            });
        }

        static synchronized void touch() {
            System.out.println("reaper ran");
        }

        static synchronized boolean cancel() throws InterruptedException {
            cancelling.countDown();
            executor.shutdown();
            return executor.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }

        /** The fix: shut down under the lock, wait outside it. */
        static boolean cancelFixed() throws InterruptedException {
            ScheduledThreadPoolExecutor e;
            synchronized (Evictor.class) {
                cancelling.countDown();
                e = executor;
                e.shutdown();
            }
            return e.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A thread that takes {@code monitor} once the waiter holds it (so it blocks), then counts {@code done}. */
    static Thread needing(String name, Object monitor, CountDownLatch holding, CountDownLatch done) {
        return daemon(name, () -> {
            await(holding);
            synchronized (monitor) {
                System.out.println(name + " got its lock");
            }
            done.countDown();
        });
    }

    static void run(String shape) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        switch (shape) {
            case "evictor":
                Evictor.start();
                System.out.println("awaitTermination returned " + Evictor.cancel());
                System.err.println("cancel returned at " + System.currentTimeMillis());
                break;
            case "evictor-fixed":
                Evictor.start();
                System.out.println("awaitTermination returned " + Evictor.cancelFixed());
                break;
            case "join":
            case "join-timed": {
                Thread t = needing("joined", lock, holding, done);
                synchronized (lock) {
                    t.start();
                    holding.countDown();
                    if (shape.equals("join")) {
                        t.join();
                    } else {
                        t.join(TIMEOUT_MS);
                    }
                    System.out.println("join returned, joined thread alive: " + t.isAlive());
                }
                break;
            }
            case "join-outside": {
                Thread t = needing("joined", lock, holding, done);
                synchronized (lock) {
                    t.start();
                    holding.countDown();
                }
                t.join();
                System.out.println("join returned, joined thread alive: " + t.isAlive());
                break;
            }
            case "other-lock": {
                Thread t = needing("joined", other, holding, done);
                synchronized (lock) {
                    t.start();
                    holding.countDown();
                    t.join();
                }
                System.out.println("join returned");
                break;
            }
            case "slow-worker": {
                Thread t = daemon("sleeper", () -> sleep(1000));
                synchronized (lock) {
                    t.start();
                    t.join();
                }
                System.out.println("join returned");
                break;
            }
            case "chain": {
                // waiter holds lock, joins "first"; "first" needs other, held by "second"; "second" needs lock
                CountDownLatch secondHolds = new CountDownLatch(1);
                Thread second = daemon("second", () -> {
                    synchronized (other) {
                        secondHolds.countDown();
                        await(holding);
                        synchronized (lock) {
                            System.out.println("second got both");
                        }
                    }
                });
                Thread first = daemon("first", () -> {
                    await(secondHolds);
                    synchronized (other) {
                        System.out.println("first got its lock");
                    }
                });
                second.start();
                await(secondHolds);
                synchronized (lock) {
                    first.start();
                    holding.countDown();
                    first.join();
                }
                break;
            }
            case "future-get":
            case "future-get-timed":
            case "completable-join":
            case "different-executor":
                pool(shape, holding);
                break;
            case "latch":
            case "latch-timed":
            case "latch-counted-elsewhere": {
                Thread t = needing("counter", lock, holding, done);
                Thread elsewhere = daemon("other-counter", () -> {
                    sleep(1000);
                    done.countDown();
                });
                synchronized (lock) {
                    t.start();
                    if (shape.equals("latch-counted-elsewhere")) {
                        elsewhere.start();
                    }
                    holding.countDown();
                    if (shape.equals("latch-timed")) {
                        System.out.println("await returned " + done.await(TIMEOUT_MS, TimeUnit.MILLISECONDS));
                    } else {
                        done.await();
                        System.out.println("await returned");
                    }
                }
                break;
            }
            case "close":
                closeUnderLock(holding);
                break;
            default:
                throw new IllegalArgumentException(shape);
        }
    }

    /** Where {@code close}'s generated class is ({@code CloseCaller}, see WaitsIT), set from the third argument. */
    static String generatedDir;

    /**
     * {@code ExecutorService.close()} (JDK 19+) while holding the lock the pool's task needs: this class compiles for
     * Java 11, so the call is made by {@code CloseCaller.close(ExecutorService)}, generated by the test.
     */
    private static void closeUnderLock(CountDownLatch holding) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1, r -> daemon("pool-worker", r));
        pool.execute(() -> {
            await(holding);
            synchronized (lock) {
                System.out.println("task got the lock");
            }
        });
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {new java.io.File(generatedDir).toURI().toURL()},
                WaitForLockHolder.class.getClassLoader())) {
            java.lang.reflect.Method close = Class.forName("CloseCaller", true, loader)
                    .getMethod("close", ExecutorService.class);
            synchronized (lock) {
                holding.countDown();
                close.invoke(null, pool);
            }
        }
        System.out.println("close returned");
    }

    private static void pool(String shape, CountDownLatch holding) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> daemon("pool-worker", r));
        ExecutorService second = Executors.newSingleThreadExecutor(r -> daemon("second-pool-worker", r));
        Runnable needsLock = () -> {
            await(holding);
            synchronized (lock) {
                System.out.println("task got the lock");
            }
        };
        synchronized (lock) {
            if (shape.equals("completable-join")) {
                CompletableFuture<Void> f = CompletableFuture.runAsync(needsLock, pool);
                holding.countDown();
                f.join();
            } else if (shape.equals("different-executor")) {
                second.execute(needsLock);
                pool.execute(() -> sleep(200));
                holding.countDown();
                pool.shutdown();
                System.out.println("other executor terminated: " + pool.awaitTermination(TIMEOUT_MS,
                        TimeUnit.MILLISECONDS));
            } else {
                Future<?> f = pool.submit(needsLock);
                holding.countDown();
                if (shape.equals("future-get")) {
                    f.get();
                } else {
                    try {
                        f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        System.out.println("get timed out");
                    }
                }
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        String shape = args[0];
        long giveUpMs = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        generatedDir = args.length > 2 ? args[2] : null;
        Thread waiter = daemon("waiter", () -> {
            try {
                run(shape);
            } catch (Exception e) {
                System.out.println("waiter failed: " + e);
            }
        });
        waiter.start();
        waiter.join(giveUpMs);
        System.out.println(waiter.isAlive() ? "hung" : "finished");
        System.exit(0);
    }
}
