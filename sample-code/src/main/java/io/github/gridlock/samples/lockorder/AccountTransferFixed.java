package io.github.gridlock.samples.lockorder;

/**
 * Fixed twin of {@link AccountTransferDeadlock}: seed {@code 004_9b7a5e9ccfbf269c.txt}'s second remedy (from the Python
 * Cookbook): give every lock a unique id and always take them in ascending id order, whatever the argument order.
 * {@link #transferWithBackOff} shows the first remedy instead (try the second lock, release and retry), and {@link
 * Tally} fixes the receiver-as-argument shape by ordering on an id too.
 */
public class AccountTransferFixed {

    public static void transfer(Account from, Account to, long amount) {
        Account first = from.id < to.id ? from : to;
        Account second = from.id < to.id ? to : from;
        synchronized (first) {
            synchronized (second) {
                from.withdraw(amount);
                to.deposit(amount);
            }
        }
    }

    public static void transferWithLocks(Account from, Account to, long amount) {
        Account first = from.id < to.id ? from : to;
        Account second = from.id < to.id ? to : from;
        first.lock.lock();
        try {
            second.lock.lock();
            try {
                from.withdraw(amount);
                to.deposit(amount);
            } finally {
                second.lock.unlock();
            }
        } finally {
            first.lock.unlock();
        }
    }

    /** Open calls: withdraw and deposit each take one monitor, never both at once. */
    public static void transferViaCall(Account from, Account to, long amount) {
        from.withdraw(amount);
        to.deposit(amount);
    }

    /**
     * Seed {@code 004_9b7a5e9ccfbf269c.txt}'s first remedy: never wait for the second account while holding the first.
     * Both are only tried; when either is busy, everything is released and the transfer is retried.
     */
    public static void transferWithBackOff(Account from, Account to, long amount) {
        while (!tryTransfer(from, to, amount)) {
            Thread.yield();
        }
    }

    private static boolean tryTransfer(Account from, Account to, long amount) {
        if (!from.lock.tryLock()) {
            return false;
        }
        try {
            if (!to.lock.tryLock()) {
                return false;
            }
            try {
                from.withdraw(amount);
                to.deposit(amount);
                return true;
            } finally {
                to.lock.unlock();
            }
        } finally {
            from.lock.unlock();
        }
    }

    /** {@code a.mergeFrom(b)} and {@code b.mergeFrom(a)}: the monitors are taken in id order, not receiver first. */
    public static final class Tally {
        private final long id;
        private long total;

        public Tally(long id) {
            this.id = id;
        }

        public void mergeFrom(Tally other) {
            Tally first = id < other.id ? this : other;
            Tally second = id < other.id ? other : this;
            synchronized (first) {
                synchronized (second) {
                    total += other.total;
                    other.total = 0;
                }
            }
        }
    }
}
