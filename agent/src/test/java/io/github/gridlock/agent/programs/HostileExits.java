package io.github.gridlock.agent.programs;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Programs that make the agent's life hard (issue #16). Args: the shape.
 *
 * <ul>
 *   <li>{@code exit-holding-locks}: threads hold a monitor, a ReentrantLock and two threads are deadlocked when main
 *       calls {@code System.exit(3)};</li>
 *   <li>{@code stderr-held}: a thread holds {@code System.err}'s monitor for ever when main calls
 *       {@code System.exit(7)}, so the exit hook cannot print;</li>
 *   <li>{@code generated DIR}: loads class {@code Huge} from DIR (written by the test) and calls its static
 *       {@code int run(Object)}, a method too close to the 64 KB limit to take the agent's hooks.</li>
 * </ul>
 */
public final class HostileExits {
    private static final Object monitor = new Object();
    private static final ReentrantLock lock = new ReentrantLock();
    private static final Object left = new Object();
    private static final Object right = new Object();

    private HostileExits() {
    }

    static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void exitHoldingLocks() throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(2);
        CountDownLatch bothHalfway = new CountDownLatch(2);
        daemon("holds-monitor", () -> {
            synchronized (monitor) {
                holding.countDown();
                sleepForever();
            }
        }).start();
        daemon("holds-lock", () -> {
            lock.lock();
            try {
                holding.countDown();
                sleepForever();
            } finally {
                lock.unlock();
            }
        }).start();
        daemon("left-right", () -> {
            synchronized (left) {
                bothHalfway.countDown();
                await(bothHalfway);
                synchronized (right) {
                    System.out.println("never");
                }
            }
        }).start();
        daemon("right-left", () -> {
            synchronized (right) {
                bothHalfway.countDown();
                await(bothHalfway);
                synchronized (left) {
                    System.out.println("never");
                }
            }
        }).start();
        holding.await();
        bothHalfway.await();
        Thread.sleep(200);
        System.out.println("exiting with 3");
        System.out.flush();
        System.exit(3);
    }

    static void stderrHeld() throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        daemon("holds-stderr", () -> {
            synchronized (System.err) {
                holding.countDown();
                sleepForever();
            }
        }).start();
        holding.await();
        System.out.println("exiting with 7");
        System.out.flush();
        System.exit(7);
    }

    static void generated(String dir) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {new File(dir).toURI().toURL()},
                HostileExits.class.getClassLoader())) {
            Class<?> huge = Class.forName("Huge", true, loader);
            Object result = huge.getMethod("run", Object.class).invoke(null, new Object());
            System.out.println("Huge.run returned " + result);
        }
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "exit-holding-locks":
                exitHoldingLocks();
                break;
            case "stderr-held":
                stderrHeld();
                break;
            case "generated":
                generated(args[1]);
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }
}
