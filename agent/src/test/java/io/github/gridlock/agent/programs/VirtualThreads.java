package io.github.gridlock.agent.programs;

import java.util.concurrent.CountDownLatch;

/** MutexOrder on virtual threads (JDK 21+), created by reflection so that this compiles for Java 11. */
public final class VirtualThreads {
    private static final Object mutexA = new Object();
    private static final Object mutexB = new Object();

    static void ab() {
        synchronized (mutexA) {
            synchronized (mutexB) {
                mutexA.hashCode();
            }
        }
    }

    static void ba() {
        synchronized (mutexB) {
            synchronized (mutexA) {
                mutexA.hashCode();
            }
        }
    }

    static Thread virtual(String name, Runnable r) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
        builder = ofVirtual.getMethod("name", String.class).invoke(builder, name);
        return (Thread) ofVirtual.getMethod("unstarted", Runnable.class).invoke(builder, r);
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        Thread t1 = virtual("virtual-1", () -> {
            ab();
            first.countDown();
        });
        Thread t2 = virtual("virtual-2", () -> {
            try {
                first.await();
            } catch (InterruptedException e) {
                return;
            }
            ba();
        });
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        System.out.println("done virtual");
    }
}
