package io.github.gridlock.samples.lockorder;

/**
 * Fixed twin of {@link RoundTableDeadlock}: Dijkstra's fix, the forks are ranked and everybody takes the
 * lower-numbered fork first, so philosopher 3 takes fork 1 before fork 3. The graph 1 → 2, 2 → 3, 1 → 3 has
 * no cycle.
 */
public class RoundTableFixed {

    private final Object fork1 = new Object();
    private final Object fork2 = new Object();
    private final Object fork3 = new Object();

    public void philosopher1() {
        synchronized (fork1) {
            synchronized (fork2) {
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
        synchronized (fork1) {
            synchronized (fork3) {
                System.out.println("philosopher 3 eats");
            }
        }
    }
}
