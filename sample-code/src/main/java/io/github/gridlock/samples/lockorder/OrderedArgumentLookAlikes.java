package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Safe look-alikes for GL_ARGUMENT_LOCK_ORDER: two arguments of one type locked one inside the other, where the order
 * is not the caller's. The method decides it on both paths of an {@code if} (by unique id, or by identity hash code
 * with a tie-breaking lock for equal hashes: Goetz's "Java Concurrency in Practice" 10.1.2); or never waits (both locks
 * only tried, with back-off: seed {@code 004_9b7a5e9ccfbf269c.txt}'s first remedy); or never nests (one account at a
 * time); or the inner lock is a fresh local copy nobody else can hold; or the two objects have unrelated types that are
 * always nested the same way; or one gate lock serialises every nesting.
 */
public class OrderedArgumentLookAlikes {

    private static final Object TIE_LOCK = new Object();
    private static final Object VAULT_GATE = new Object();

    /** Ordered by id on both paths of an if: the method takes them in BOTH orders, so it decides the order. */
    public static void transferOrderedById(Account from, Account to, long amount) {
        if (from.id < to.id) {
            synchronized (from) {
                synchronized (to) {
                    from.withdraw(amount);
                    to.deposit(amount);
                }
            }
        } else {
            synchronized (to) {
                synchronized (from) {
                    from.withdraw(amount);
                    to.deposit(amount);
                }
            }
        }
    }

    /** The same decision with the bins' ReentrantLocks, through their getter. */
    public static void moveOrderedById(Bin from, Bin to, int units) {
        Bin lower = from.id < to.id ? from : to;
        if (lower == from) {
            from.getLock().lock();
            try {
                to.getLock().lock();
                try {
                    from.units -= units;
                    to.units += units;
                } finally {
                    to.getLock().unlock();
                }
            } finally {
                from.getLock().unlock();
            }
        } else {
            to.getLock().lock();
            try {
                from.getLock().lock();
                try {
                    from.units -= units;
                    to.units += units;
                } finally {
                    from.getLock().unlock();
                }
            } finally {
                to.getLock().unlock();
            }
        }
    }

    /** JCIP 10.1.2: order by identity hash code; on a tie, take the tie lock first, then either order is safe. */
    public static void transferByIdentity(Account from, Account to, long amount) {
        int fromHash = System.identityHashCode(from);
        int toHash = System.identityHashCode(to);
        if (fromHash < toHash) {
            synchronized (from) {
                synchronized (to) {
                    from.withdraw(amount);
                    to.deposit(amount);
                }
            }
        } else if (fromHash > toHash) {
            synchronized (to) {
                synchronized (from) {
                    from.withdraw(amount);
                    to.deposit(amount);
                }
            }
        } else {
            synchronized (TIE_LOCK) {
                synchronized (from) {
                    synchronized (to) {
                        from.withdraw(amount);
                        to.deposit(amount);
                    }
                }
            }
        }
    }

    /** Both locks only tried (tryLock() never waits); on failure everything is released and retried. */
    public static void moveWithBackOff(Bin from, Bin to, int units) {
        while (!tryMove(from, to, units)) {
            Thread.yield();
        }
    }

    private static boolean tryMove(Bin from, Bin to, int units) {
        if (!from.lock.tryLock()) {
            return false;
        }
        try {
            if (!to.lock.tryLock()) {
                return false;
            }
            try {
                from.units -= units;
                to.units += units;
                return true;
            } finally {
                to.lock.unlock();
            }
        } finally {
            from.lock.unlock();
        }
    }

    /** One account at a time: the first monitor is released before the second is taken. */
    public static void transferOneAtATime(Account from, Account to, long amount) {
        synchronized (from) {
            from.withdraw(amount);
        }
        synchronized (to) {
            to.deposit(amount);
        }
    }

    /** The inner monitor is a fresh local copy of {@code from}: no other thread can hold it. */
    public static long previewWithdrawal(Account from, long amount) {
        synchronized (from) {
            Account preview = new Account(from.id, from.balance());
            synchronized (preview) {
                preview.withdraw(amount);
                return preview.balance();
            }
        }
    }

    /** Order decided into locals before any lock: the analysis cannot (and need not) name first/second. */
    public static void moveItemSorted(Shelf from, Shelf to, String item) {
        Shelf first = from.id < to.id ? from : to;
        Shelf second = first == from ? to : from;
        first.rw.writeLock().lock();
        try {
            second.rw.writeLock().lock();
            try {
                if (from.items.remove(item)) {
                    to.items.add(item);
                }
            } finally {
                second.rw.writeLock().unlock();
            }
        } finally {
            first.rw.writeLock().unlock();
        }
    }

    /** StampedLock write locks in an order decided by id, on both paths of an if. */
    public static void moveBoxesOrdered(Pallet from, Pallet to, int boxes) {
        if (from.id < to.id) {
            long a = from.stamps.writeLock();
            try {
                long b = to.stamps.writeLock();
                try {
                    from.boxes -= boxes;
                    to.boxes += boxes;
                } finally {
                    to.stamps.unlockWrite(b);
                }
            } finally {
                from.stamps.unlockWrite(a);
            }
        } else {
            long b = to.stamps.writeLock();
            try {
                long a = from.stamps.writeLock();
                try {
                    from.boxes -= boxes;
                    to.boxes += boxes;
                } finally {
                    from.stamps.unlockWrite(a);
                }
            } finally {
                to.stamps.unlockWrite(b);
            }
        }
    }

    /** A lambda whose parameters are locked in id order, decided on both paths. */
    public static BiConsumer<Bin, Bin> orderedSwapper() {
        return (left, right) -> {
            if (left.id < right.id) {
                swapLocked(left, right);
            } else {
                swapLocked(right, left);
            }
        };
    }

    private static void swapLocked(Bin lower, Bin higher) {
        lower.lock.lock();
        try {
            higher.lock.lock();
            try {
                int units = lower.units;
                lower.units = higher.units;
                higher.units = units;
            } finally {
                higher.lock.unlock();
            }
        } finally {
            lower.lock.unlock();
        }
    }

    /** Receiver and argument, ordered by id on both paths. */
    public static final class Counter {
        private final long id;
        private final ReentrantLock lock = new ReentrantLock();
        private long count;

        public Counter(long id) {
            this.id = id;
        }

        public void absorb(Counter other) {
            if (id < other.id) {
                lock.lock();
                try {
                    other.lock.lock();
                    try {
                        count += other.count;
                        other.count = 0;
                    } finally {
                        other.lock.unlock();
                    }
                } finally {
                    lock.unlock();
                }
            } else {
                other.lock.lock();
                try {
                    lock.lock();
                    try {
                        count += other.count;
                        other.count = 0;
                    } finally {
                        lock.unlock();
                    }
                } finally {
                    other.lock.unlock();
                }
            }
        }
    }

    /** Receiver and argument of unrelated types: a branch locks an account, never the reverse. */
    public static final class Branch {
        private long audited;

        public synchronized void audit(Account account) {
            synchronized (account) {
                audited += account.balance();
            }
        }
    }

    /** Lockers are only ever nested under the one static gate: at most one thread nests two at a time. */
    public static final class Locker {
        private int keys;

        public static void handOver(Locker from, Locker to) {
            synchronized (VAULT_GATE) {
                synchronized (from) {
                    synchronized (to) {
                        to.keys += from.keys;
                        from.keys = 0;
                    }
                }
            }
        }
    }
}
