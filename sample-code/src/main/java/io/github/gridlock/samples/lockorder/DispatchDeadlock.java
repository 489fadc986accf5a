package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * GL_LOCK_ORDER_INVERSION with static holder locks ({@link DispatchLocks#ORDERS}, a monitor, and {@link
 * DispatchLocks#STOCK}, a {@code ReentrantLock}) declared in another class. Seed {@code 001_69ed1f58e3fcc223.txt}'s
 * {@code actionA}/{@code actionB} again: {@code placeOrder} holds the orders and wants the stock, {@code restock} holds
 * the stock and wants the orders. Static fields name one object each, so this is one exact cycle, reported once at the
 * earlier inner acquisition (placeOrder's {@code STOCK.lock()}).
 *
 * @see DispatchFixed
 */
public class DispatchDeadlock {

    private final List<String> openOrders = new ArrayList<>();
    private int unitsInStock = 10;

    public void placeOrder(String sku) {
        synchronized (DispatchLocks.ORDERS) {
            openOrders.add(sku);
            DispatchLocks.STOCK.lock(); // expect: GL_LOCK_ORDER_INVERSION
            try {
                unitsInStock -= 1;
            } finally {
                DispatchLocks.STOCK.unlock();
            }
        }
    }

    public void restock(int units) {
        DispatchLocks.STOCK.lock();
        try {
            unitsInStock += units;
            synchronized (DispatchLocks.ORDERS) {
                openOrders.clear();
            }
        } finally {
            DispatchLocks.STOCK.unlock();
        }
    }
}
