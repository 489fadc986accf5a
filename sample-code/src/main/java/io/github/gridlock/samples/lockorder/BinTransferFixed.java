package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Fixed twin of {@link BinTransferDeadlock}: seed {@code 004_9b7a5e9ccfbf269c.txt}'s second remedy in every shape. The
 * two objects are sorted by their unique id first (into locals, or by the private helper's callers), then locked in
 * that order, so {@code m(x, y)} and {@code m(y, x)} take the locks in the same order. The receiver shapes order on an
 * id too, and {@code Tank.absorb} makes an open call (drain first, then add, never both monitors at once).
 */
public class BinTransferFixed {

    public static void move(Bin from, Bin to, int units) {
        if (from.id < to.id) {
            moveLocked(from, to, from, to, units);
        } else {
            moveLocked(to, from, from, to, units);
        }
    }

    private static void moveLocked(Bin lower, Bin higher, Bin from, Bin to, int units) {
        lower.lock.lock();
        try {
            higher.lock.lock();
            try {
                from.units -= units;
                to.units += units;
            } finally {
                higher.lock.unlock();
            }
        } finally {
            lower.lock.unlock();
        }
    }

    public static void moveViaGetter(Bin from, Bin to, int units) {
        Bin first = from.id < to.id ? from : to;
        Bin second = from.id < to.id ? to : from;
        first.getLock().lock();
        try {
            second.getLock().lock();
            try {
                from.units -= units;
                to.units += units;
            } finally {
                second.getLock().unlock();
            }
        } finally {
            first.getLock().unlock();
        }
    }

    public static void moveItem(Shelf from, Shelf to, String item) {
        Shelf first = from.id < to.id ? from : to;
        Shelf second = from.id < to.id ? to : from;
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

    public static void moveBoxes(Pallet from, Pallet to, int boxes) {
        Pallet first = from.id < to.id ? from : to;
        Pallet second = from.id < to.id ? to : from;
        long firstStamp = first.stamps.writeLock();
        try {
            long secondStamp = second.stamps.writeLock();
            try {
                from.boxes -= boxes;
                to.boxes += boxes;
            } finally {
                second.stamps.unlockWrite(secondStamp);
            }
        } finally {
            first.stamps.unlockWrite(firstStamp);
        }
    }

    public static BiConsumer<Bin, Bin> swapper() {
        return (left, right) -> {
            Bin first = left.id < right.id ? left : right;
            Bin second = left.id < right.id ? right : left;
            first.lock.lock();
            try {
                second.lock.lock();
                try {
                    int units = left.units;
                    left.units = right.units;
                    right.units = units;
                } finally {
                    second.lock.unlock();
                }
            } finally {
                first.lock.unlock();
            }
        };
    }

    /** Receiver and argument locked in id order. */
    public static final class Crate {
        private final long id;
        private final ReentrantLock lock = new ReentrantLock();
        private int items;

        public Crate(long id) {
            this.id = id;
        }

        public void mergeFrom(Crate other) {
            Crate first = id < other.id ? this : other;
            Crate second = id < other.id ? other : this;
            first.lock.lock();
            try {
                second.lock.lock();
                try {
                    items += other.items;
                    other.items = 0;
                } finally {
                    second.lock.unlock();
                }
            } finally {
                first.lock.unlock();
            }
        }
    }

    /** An open call: the other tank is drained under its own monitor only, then this one is filled. */
    public static final class Tank {
        private long litres;

        public void absorb(Tank other) {
            long drained = other.drain();
            fill(drained);
        }

        private synchronized void fill(long amount) {
            litres += amount;
        }

        public synchronized long drain() {
            long all = litres;
            litres = 0;
            return all;
        }
    }
}
