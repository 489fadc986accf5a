package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * A safe look-alike for GL_LOCK_ORDER_INVERSION: a monitor taken again while it is already held.
 * {@code rebalance} holds the shelf's monitor, takes the bin's, and then re-enters the shelf's monitor (a
 * synchronized helper on the same object): a re-entry never waits, so it orders nothing, and there is no
 * "bin before shelf" order to invert the "shelf before bin" of {@code restock}.
 */
public class ReentrantReacquireLookAlike {

    private final Object binLock = new Object();
    private final List<String> shelf = new ArrayList<>();
    private final List<String> bin = new ArrayList<>();

    public void restock(String item) {
        synchronized (this) {
            synchronized (binLock) {
                bin.remove(item);
                shelf.add(item);
            }
        }
    }

    public void rebalance() {
        synchronized (this) {
            synchronized (binLock) {
                synchronized (this) {
                    shelf.addAll(bin);
                }
                bin.clear();
            }
        }
    }
}
