package io.github.gridlock.samples.lockorder;

/**
 * GL_LOCK_ORDER_INVERSION with a cycle of three locks: the dining philosophers. Three forks, three
 * philosophers, each takes the fork on the left and then the one on the right: 1 → 2, 2 → 3, 3 → 1. No two
 * methods take the same pair in opposite orders, yet if all three pick up their left fork at once, everyone
 * waits for a neighbour forever (seed {@code 004_9b7a5e9ccfbf269c.txt}'s "circular wait", the fourth necessary condition). One cycle of
 * length three, one finding, at the inner acquisition of its earliest edge ({@code philosopher1}'s
 * {@code fork2}).
 *
 * @see RoundTableFixed
 */
public class RoundTableDeadlock {

    private final Object fork1 = new Object();
    private final Object fork2 = new Object();
    private final Object fork3 = new Object();

    public void philosopher1() {
        synchronized (fork1) {
            synchronized (fork2) { // expect: GL_LOCK_ORDER_INVERSION
                System.out.println("philosopher 1 eats");
            }
        }
    }

    public void philosopher2() {
        synchronized (fork2) {
            synchronized (fork3) {
                System.out.println("philosopher 2 eats");
            }
        }
    }

    public void philosopher3() {
        synchronized (fork3) {
            synchronized (fork1) {
                System.out.println("philosopher 3 eats");
            }
        }
    }
}
