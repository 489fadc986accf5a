package io.github.gridlock.samples.lockorder;

/**
 * Safe look-alike for GL_ARGUMENT_LOCK_ORDER (commons-pool2's package-private {@code LinkedBlockingDeque.drainTo}):
 * {@link Tray#pourInto(Tray, int)} locks its tray, then the argument's, so {@code a.pourInto(b)} and
 * {@code b.pourInto(a)} on two threads would deadlock; but {@link Tray} is package-private, the method implements
 * no supertype's method, and nothing calls it except the overload nobody calls: no program outside the package can
 * make the two calls. Not reported. Its twin {@link Bucket#pourInto} is called by the public {@link #pour}, so the
 * swapped calls are possible and it is reported.
 */
public final class UncalledArgumentOrderLookAlike {
    private UncalledArgumentOrderLookAlike() {
    }

    /** The public way in: callers choose the order, so two threads can swap it. */
    public static void pour(Object from, Object to) {
        new Bucket().pourInto(new Bucket(), 1);
        if (from instanceof Bucket && to instanceof Bucket) {
            ((Bucket) from).pourInto((Bucket) to, 1);
        }
    }
}

/** Package-private; nothing calls {@link #pourInto(Tray)}. */
final class Tray {
    private int level;

    void pourInto(Tray other) {
        pourInto(other, Integer.MAX_VALUE);
    }

    void pourInto(Tray other, int max) {
        synchronized (this) {
            synchronized (other) {
                int moved = Math.min(level, max);
                level -= moved;
                other.level += moved;
            }
        }
    }
}

/** Package-private too, but reached from the public {@link UncalledArgumentOrderLookAlike#pour}. */
final class Bucket {
    private int level;

    void pourInto(Bucket other, int max) {
        synchronized (this) {
            synchronized (other) { // expect: GL_ARGUMENT_LOCK_ORDER
                int moved = Math.min(level, max);
                level -= moved;
                other.level += moved;
            }
        }
    }
}
