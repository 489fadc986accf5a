package io.github.gridlock.detectors.analysis;

import java.util.Objects;

/**
 * The abstract identity of a lock: the object it lives in ({@link AccessPath}) and its kind.
 *
 * <p>The read and write halves of one {@code ReadWriteLock} share the path of the
 * {@code ReadWriteLock} object and differ in kind, so {@code rw.readLock()} taken in two methods is
 * one lock, and the write half is a different one that conflicts with it.
 */
public final class LockId {
    private final AccessPath path;
    private final LockKind kind;

    public LockId(AccessPath path, LockKind kind) {
        this.path = Objects.requireNonNull(path);
        this.kind = Objects.requireNonNull(kind);
    }

    /**
     * The lock a concurrency call works on, given the receiver's path and the table's lock kind:
     * {@code rw.readLock().lock()} is the read half of {@code rw}; {@code cond.await()} belongs to the
     * lock that created {@code cond}.
     */
    public static LockId forReceiver(AccessPath receiver, LockKind apiKind) {
        if (apiKind == LockKind.LOCK && receiver.kind() == AccessPath.Kind.FIELD) {
            switch (receiver.name()) {
                case AccessPathVisitor.READ_HALF:
                    return new LockId(receiver.base(), LockKind.READ_LOCK);
                case AccessPathVisitor.WRITE_HALF:
                    return new LockId(receiver.base(), LockKind.WRITE_LOCK);
                case AccessPathVisitor.CONDITION:
                    return forReceiver(receiver.base(), LockKind.LOCK);
                default:
                    break;
            }
        }
        return new LockId(receiver, apiKind);
    }

    public AccessPath path() {
        return path;
    }

    public LockKind kind() {
        return kind;
    }

    /** A lock whose identity holds across methods: only these make lock-order edges. */
    public boolean isStable() {
        return path.isStable();
    }

    public LockId substitute(AccessPath receiver, AccessPath[] arguments) {
        AccessPath p = path.substitute(receiver, arguments);
        return p.equals(path) ? this : new LockId(p, kind);
    }

    /** Like {@link #describe()}, in words for messages: no bytecode offsets, no "?". */
    public String describeForUser() {
        if (!path.isKnown()) {
            return kind == LockKind.MONITOR ? "the monitor of an object computed at run time" : "a lock computed at run time";
        }
        return path.kind() == AccessPath.Kind.FRESH || path.kind() == AccessPath.Kind.RESULT
                ? path.describeForUser() : describe();
    }

    public String describe() {
        switch (kind) {
            case READ_LOCK:
                return path.describe() + ".readLock()";
            case WRITE_LOCK:
                return path.describe() + ".writeLock()";
            case STAMPED_WRITE:
                return path.describe() + "(write)";
            case STAMPED_READ:
                return path.describe() + "(read)";
            default:
                return path.describe();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockId && ((LockId) o).kind == kind && ((LockId) o).path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + kind.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
