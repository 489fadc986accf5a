package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * GL_ARGUMENT_LOCK_ORDER in more shapes than seed {@code 004_9b7a5e9ccfbf269c.txt}'s {@code transfer(_from, to)}: every method here locks
 * two objects of one type in the order the caller passed them, so {@code m(x, y)} racing {@code m(y, x)}
 * deadlocks. The lock may be the objects' {@code ReentrantLock} taken in a private helper, through a getter,
 * the write half of a {@code ReadWriteLock}, a {@code StampedLock} write lock, inside a lambda whose
 * parameters are the two objects, or the receiver's lock against the argument's (plain or through a
 * synchronized method of the argument). Each is reported at its inner acquisition (or at the call that makes
 * it).
 *
 * @see BinTransferFixed
 */
public class BinTransferDeadlock {

    /** The nesting is in the helper, which is only ever called in the caller's (undecided) order. */
    public static void move(Bin from, Bin to, int units) {
        moveLocked(from, to, units);
    }

    private static void moveLocked(Bin first, Bin second, int units) {
        first.lock.lock();
        try {
            second.lock.lock(); // expect: GL_ARGUMENT_LOCK_ORDER
            try {
                first.units -= units;
                second.units += units;
            } finally {
                second.lock.unlock();
            }
        } finally {
            first.lock.unlock();
        }
    }

    /** The locks come from a getter that is exactly {@code return this.lock}. */
    public static void moveViaGetter(Bin from, Bin to, int units) {
        from.getLock().lock();
        try {
            to.getLock().lock(); // expect: GL_ARGUMENT_LOCK_ORDER
            try {
                from.units -= units;
                to.units += units;
            } finally {
                to.getLock().unlock();
            }
        } finally {
            from.getLock().unlock();
        }
    }

    /** Write locks of two shelves' ReadWriteLocks: exclusive, so the same deadlock. */
    public static void moveItem(Shelf from, Shelf to, String item) {
        from.rw.writeLock().lock();
        try {
            to.rw.writeLock().lock(); // expect: GL_ARGUMENT_LOCK_ORDER
            try {
                if (from.items.remove(item)) {
                    to.items.add(item);
                }
            } finally {
                to.rw.writeLock().unlock();
            }
        } finally {
            from.rw.writeLock().unlock();
        }
    }

    /** StampedLock write locks (not even reentrant). */
    public static void moveBoxes(Pallet from, Pallet to, int boxes) {
        long fromStamp = from.stamps.writeLock();
        try {
            long toStamp = to.stamps.writeLock(); // expect: GL_ARGUMENT_LOCK_ORDER
            try {
                from.boxes -= boxes;
                to.boxes += boxes;
            } finally {
                to.stamps.unlockWrite(toStamp);
            }
        } finally {
            from.stamps.unlockWrite(fromStamp);
        }
    }

    /** The two bins are the lambda's parameters: {@code swapper().accept(x, y)} racing {@code accept(y, x)}. */
    public static BiConsumer<Bin, Bin> swapper() {
        return (left, right) -> {
            left.lock.lock();
            try {
                right.lock.lock(); // expect: GL_ARGUMENT_LOCK_ORDER
                try {
                    int units = left.units;
                    left.units = right.units;
                    right.units = units;
                } finally {
                    right.lock.unlock();
                }
            } finally {
                left.lock.unlock();
            }
        };
    }

    /** The receiver's lock, then the argument's: {@code a.mergeFrom(b)} racing {@code b.mergeFrom(a)}. */
    public static final class Crate {
        private final ReentrantLock lock = new ReentrantLock();
        private int items;

        public void mergeFrom(Crate other) {
            lock.lock();
            try {
                other.lock.lock(); // expect: GL_ARGUMENT_LOCK_ORDER
                try {
                    items += other.items;
                    other.items = 0;
                } finally {
                    other.lock.unlock();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** The receiver's monitor (a synchronized method), then the argument's through its synchronized method. */
    public static final class Tank {
        private long litres;

        public synchronized void absorb(Tank other) {
            litres += other.drain(); // expect: GL_ARGUMENT_LOCK_ORDER
        }

        public synchronized long drain() {
            long all = litres;
            litres = 0;
            return all;
        }
    }
}
