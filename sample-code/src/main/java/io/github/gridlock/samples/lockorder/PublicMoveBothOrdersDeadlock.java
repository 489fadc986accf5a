package io.github.gridlock.samples.lockorder;

/**
 * GL_ARGUMENT_LOCK_ORDER on a public method that its own class calls in both argument orders: {@code settle(a, b)}
 * moves a to b and then b to a, one call after the other, not on two sides of an ordering decision. Both calls are in
 * the caller's order, so {@code settle(x, y)} beside {@code settle(y, x)} (or beside any outside caller of the public
 * {@code move}) deadlocks. Only a private helper's callers decide its order (see {@link OrderedArgumentLookAlikes}).
 */
public class PublicMoveBothOrdersDeadlock {

    public static final class Tin {
        long value;
    }

    public static void move(Tin from, Tin to, long amount) {
        synchronized (from) {
            synchronized (to) { // expect: GL_ARGUMENT_LOCK_ORDER
                from.value -= amount;
                to.value += amount;
            }
        }
    }

    /** Squares two tins up: one move each way. */
    public static void settle(Tin a, Tin b) {
        move(a, b, 1);
        move(b, a, 2);
    }
}
