package io.github.gridlock.detectors.analysis;

/** The kinds of lock the analysis tracks. */
public enum LockKind {
    /** An intrinsic lock: {@code synchronized} block or method. Always reentrant. */
    MONITOR(true),
    /** A {@code java.util.concurrent.locks.Lock} that is not a read/write half. */
    LOCK(true),
    /** The read half of a {@code ReadWriteLock}. */
    READ_LOCK(true),
    /** The write half of a {@code ReadWriteLock}. */
    WRITE_LOCK(true),
    /** A {@code StampedLock} write lock: not reentrant. */
    STAMPED_WRITE(false),
    /** A {@code StampedLock} read lock: not reentrant in the presence of a waiting writer. */
    STAMPED_READ(false),
    /** Permits of a {@code Semaphore}: counted, not owned by a thread. */
    SEMAPHORE(false);

    private final boolean reentrant;

    LockKind(boolean reentrant) {
        this.reentrant = reentrant;
    }

    public boolean isReentrant() {
        return reentrant;
    }

    /** Shared holds do not exclude each other: two readers never block one another. */
    public boolean isShared() {
        return this == READ_LOCK || this == STAMPED_READ;
    }
}
