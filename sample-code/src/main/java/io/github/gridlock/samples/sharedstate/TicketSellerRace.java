package io.github.gridlock.samples.sharedstate;

/**
 * GL_SPLIT_READ_MODIFY_WRITE. Seed {@code 001_69ed1f58e3fcc223.txt}'s {@code sub()}: {@code temp = num;
 * time.sleep(0.0001); num = temp - 1} without the lock. The read and the write are separate steps with a window between
 * them; a second thread that reads in the window writes back the same value, and one decrement is lost. The finding is
 * at the write-back. Holding a lock around each half separately does not help: the lock must span both.
 *
 * @see TicketSellerRaceFixed
 */
public class TicketSellerRace {

    private int num = 100;
    private final Object lock = new Object();
    private long savings;
    private long balance;
    private volatile long lastSeen;

    /** The seed's main: two threads sell tickets at once (each sub() call sells one). */
    public static int seed() throws InterruptedException {
        TicketSellerRace seller = new TicketSellerRace();
        Thread p1 = new Thread(() -> sellTen(seller));
        Thread p2 = new Thread(() -> sellTen(seller));
        p1.start();
        p2.start();
        p1.join();
        p2.join();
        return seller.num;
    }

    private static void sellTen(TicketSellerRace seller) {
        for (int i = 0; i < 10; i++) {
            try {
                seller.sub();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The seed, verbatim: read into a local, sleep, write back from the local. */
    public void sub() throws InterruptedException {
        int temp = num;
        Thread.sleep(0, 100_000);
        num = temp - 1; // expect: GL_SPLIT_READ_MODIFY_WRITE
    }

    /**
     * Each half is locked, but the lock is released between the read and the write. Low priority: only callers run
     * it (the locks say the field is shared, nothing shows two threads).
     */
    public void deposit(long amount) {
        long before;
        synchronized (lock) {
            before = savings;
        }
        long after = before + amount;
        synchronized (lock) {
            savings = after; // expect-low: GL_SPLIT_READ_MODIFY_WRITE
        }
    }

    public synchronized long getBalance() {
        return balance;
    }

    public synchronized void setBalance(long value) {
        balance = value;
    }

    /** Synchronized getter and setter, composed by the caller: the read and the write are two lock holds (low: callers only). */
    public void withdraw(long amount) {
        setBalance(getBalance() - amount); // expect-low: GL_SPLIT_READ_MODIFY_WRITE
    }

    /**
     * A volatile field: each access is atomic and visible, the max-update is not. Low priority: nothing in the
     * program runs it on two threads, only the volatile says callers may.
     */
    public void observe(long timestamp) {
        long seen = lastSeen;
        if (timestamp > seen) {
            lastSeen = timestamp; // expect-low: GL_SPLIT_READ_MODIFY_WRITE
        }
    }
}
