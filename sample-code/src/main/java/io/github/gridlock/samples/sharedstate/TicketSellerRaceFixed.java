package io.github.gridlock.samples.sharedstate;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed twin of {@link TicketSellerRace}: the seed's fix ({@code l.acquire()} before the read and
 * {@code l.release()} after the write), one lock hold around read and write. The seed's sleep only widened the
 * race window, so it is dropped rather than kept under the lock. The max-update becomes an atomic update.
 */
public class TicketSellerRaceFixed {

    private final Object lock = new Object();
    private int num = 100;
    private long savings;
    private long balance;
    private final AtomicLong lastSeen = new AtomicLong();

    /** The seed's main: two threads sell tickets at once (each sub() call sells one). */
    public static int seed() throws InterruptedException {
        TicketSellerRaceFixed seller = new TicketSellerRaceFixed();
        Thread p1 = new Thread(() -> sellTen(seller));
        Thread p2 = new Thread(() -> sellTen(seller));
        p1.start();
        p2.start();
        p1.join();
        p2.join();
        synchronized (seller.lock) {
            return seller.num;
        }
    }

    private static void sellTen(TicketSellerRaceFixed seller) {
        for (int i = 0; i < 10; i++) {
            seller.sub();
        }
    }

    public void sub() {
        synchronized (lock) {
            int temp = num;
            num = temp - 1;
        }
    }

    public void deposit(long amount) {
        synchronized (lock) {
            long before = savings;
            savings = before + amount;
        }
    }

    public void withdraw(long amount) {
        synchronized (lock) {
            long before = balance;
            balance = before - amount;
        }
    }

    public void observe(long timestamp) {
        lastSeen.accumulateAndGet(timestamp, Math::max);
    }
}
