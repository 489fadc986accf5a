package io.github.gridlock.detectors.analysis;

import java.util.Objects;

/** One entry of the held-lock stack: which lock, where it was taken, and how often (reentrancy). */
public final class HeldLock {
    private final LockId lock;
    private final int acquirePc;
    private final int count;
    private final boolean onSomePathsOnly;
    private final boolean heldOnEntry;
    private final boolean timedTry;

    HeldLock(LockId lock, int acquirePc, int count, boolean onSomePathsOnly, boolean heldOnEntry, boolean timedTry) {
        this.lock = lock;
        this.acquirePc = acquirePc;
        this.count = count;
        this.onSomePathsOnly = onSomePathsOnly;
        this.heldOnEntry = heldOnEntry;
        this.timedTry = timedTry;
    }

    public LockId lock() {
        return lock;
    }

    /** Bytecode offset of the acquisition; -1 for the monitor of a synchronized method. */
    public int acquirePc() {
        return acquirePc;
    }

    /** Hold count on the paths where it is held (capped: loops cannot grow it without bound). */
    public int count() {
        return count;
    }

    /** True when the lock is held on some but not all paths reaching this point. */
    public boolean isOnSomePathsOnly() {
        return onSomePathsOnly;
    }

    /** True for the monitor of a synchronized method, held by the caller's call, not by code here. */
    public boolean isHeldOnEntry() {
        return heldOnEntry;
    }

    /** True when it was taken by a tryLock with a timeout. */
    public boolean isTimedTry() {
        return timedTry;
    }

    HeldLock withCount(int newCount) {
        return new HeldLock(lock, acquirePc, Math.min(newCount, HeldLockSet.MAX_COUNT), onSomePathsOnly, heldOnEntry, timedTry);
    }

    HeldLock withLock(LockId other) {
        return other.equals(lock) ? this : new HeldLock(other, acquirePc, count, onSomePathsOnly, heldOnEntry, timedTry);
    }

    HeldLock onSomePaths() {
        return onSomePathsOnly ? this : new HeldLock(lock, acquirePc, count, true, heldOnEntry, timedTry);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HeldLock)) {
            return false;
        }
        HeldLock h = (HeldLock) o;
        return lock.equals(h.lock) && acquirePc == h.acquirePc && count == h.count
                && onSomePathsOnly == h.onSomePathsOnly && heldOnEntry == h.heldOnEntry && timedTry == h.timedTry;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lock, acquirePc, count, onSomePathsOnly);
    }

    @Override
    public String toString() {
        return lock.describe() + "@" + acquirePc + (count > 1 ? "x" + count : "") + (onSomePathsOnly ? "?" : "");
    }
}
