package io.github.gridlock.detectors.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The dataflow fact of {@link HeldLocksAnalysis}: the ordered stack of locks held at a point,
 * outermost first. Merging two paths keeps the locks held on either, marking those held on only
 * one as {@link HeldLock#isOnSomePathsOnly()}, so detectors can ask both "held on every path" and
 * "held on some path".
 */
public final class HeldLockSet {
    static final int MAX_COUNT = 3;

    private enum State { TOP, VALID, BOTTOM }

    private State state = State.TOP;
    private List<HeldLock> held = Collections.emptyList();
    /** A tryLock whose boolean result is about to be tested: applied on the branch where it succeeded. */
    private HeldLock pendingTry;

    public boolean isValid() {
        return state == State.VALID;
    }

    boolean isTop() {
        return state == State.TOP;
    }

    void setTop() {
        state = State.TOP;
        held = Collections.emptyList();
        pendingTry = null;
    }

    void setBottom() {
        state = State.BOTTOM;
        held = Collections.emptyList();
        pendingTry = null;
    }

    void setValid(List<HeldLock> locks) {
        state = State.VALID;
        held = Collections.unmodifiableList(new ArrayList<>(locks));
    }

    void copyFrom(HeldLockSet other) {
        state = other.state;
        held = other.held;
        pendingTry = other.pendingTry;
    }

    /** Outermost first. */
    public List<HeldLock> locks() {
        return held;
    }

    public boolean isEmpty() {
        return held.isEmpty();
    }

    /** The entry for {@code lock}, or null. */
    public HeldLock find(LockId lock) {
        for (int i = held.size() - 1; i >= 0; i--) {
            if (held.get(i).lock().equals(lock)) {
                return held.get(i);
            }
        }
        return null;
    }

    /** Locks held on every path reaching this point. */
    public List<HeldLock> definitelyHeld() {
        List<HeldLock> out = new ArrayList<>();
        for (HeldLock h : held) {
            if (!h.isOnSomePathsOnly()) {
                out.add(h);
            }
        }
        return out;
    }

    HeldLock pendingTry() {
        return pendingTry;
    }

    void setPendingTry(HeldLock h) {
        pendingTry = h;
    }

    void acquire(HeldLock lock) {
        List<HeldLock> next = new ArrayList<>(held);
        for (int i = next.size() - 1; i >= 0; i--) {
            HeldLock h = next.get(i);
            if (h.lock().equals(lock.lock())) {
                next.set(i, h.withCount(h.count() + 1));
                held = Collections.unmodifiableList(next);
                return;
            }
        }
        next.add(lock);
        held = Collections.unmodifiableList(next);
    }

    /** Releases one hold of {@code lock}; returns false when it was not held on any path. */
    boolean release(LockId lock) {
        List<HeldLock> next = new ArrayList<>(held);
        for (int i = next.size() - 1; i >= 0; i--) {
            HeldLock h = next.get(i);
            if (h.lock().equals(lock)) {
                if (h.count() > 1) {
                    next.set(i, h.withCount(h.count() - 1));
                } else {
                    next.remove(i);
                }
                held = Collections.unmodifiableList(next);
                return true;
            }
        }
        return false;
    }

    /** Releases the innermost monitor (monitorexit on a value the analysis could not name). */
    boolean releaseInnermostMonitor() {
        for (int i = held.size() - 1; i >= 0; i--) {
            if (held.get(i).lock().kind() == LockKind.MONITOR && !held.get(i).isHeldOnEntry()) {
                return release(held.get(i).lock());
            }
        }
        return false;
    }

    void mergeWith(HeldLockSet other) {
        if (other.state == State.TOP) {
            return;
        }
        if (state == State.TOP) {
            copyFrom(other);
            return;
        }
        if (state == State.BOTTOM || other.state == State.BOTTOM) {
            setBottom();
            return;
        }
        if (held.equals(other.held)) {
            if (pendingTry != null && !pendingTry.equals(other.pendingTry)) {
                pendingTry = null;
            }
            return;
        }
        List<HeldLock> merged = new ArrayList<>();
        for (HeldLock mine : held) {
            HeldLock theirs = findEntry(other.held, mine.lock());
            if (theirs == null) {
                merged.add(mine.onSomePaths());
            } else {
                HeldLock m = mine.withCount(Math.max(mine.count(), theirs.count()));
                merged.add(theirs.isOnSomePathsOnly() || mine.count() != theirs.count() ? m.onSomePaths() : m);
            }
        }
        for (HeldLock theirs : other.held) {
            if (findEntry(held, theirs.lock()) == null) {
                merged.add(theirs.onSomePaths());
            }
        }
        held = Collections.unmodifiableList(merged);
        pendingTry = null;
    }

    private static HeldLock findEntry(List<HeldLock> list, LockId lock) {
        for (HeldLock h : list) {
            if (h.lock().equals(lock)) {
                return h;
            }
        }
        return null;
    }

    boolean sameAs(HeldLockSet other) {
        return state == other.state && held.equals(other.held)
                && (pendingTry == null ? other.pendingTry == null : pendingTry.equals(other.pendingTry));
    }

    @Override
    public String toString() {
        return state == State.VALID ? held.toString() : state.name();
    }
}
