package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_LOCK_ORDER_INVERSION with {@code ReentrantLock} instance fields, one direction hidden two calls deep.
 * {@code addBid} holds {@code bidsLock} and calls {@code matchAgainstAsks}, which calls
 * {@code removeAsksAtOrBelow}, which takes {@code asksLock}; {@code addAsk} holds {@code asksLock} and takes
 * {@code bidsLock}. The helper chain makes the order invisible in any one method. The edge made through the
 * calls is located at the call in the method that holds the outer lock: {@code matchAgainstAsks(price)}.
 *
 * @see OrderBookFixed
 */
public class OrderBookDeadlock {

    private final ReentrantLock bidsLock = new ReentrantLock();
    private final ReentrantLock asksLock = new ReentrantLock();
    private final List<Long> bids = new ArrayList<>();
    private final List<Long> asks = new ArrayList<>();

    public void addBid(long price) throws InterruptedException {
        bidsLock.lockInterruptibly();
        try {
            bids.add(price);
            matchAgainstAsks(price); // expect: GL_LOCK_ORDER_INVERSION
        } finally {
            bidsLock.unlock();
        }
    }

    private void matchAgainstAsks(long price) {
        removeAsksAtOrBelow(price);
    }

    private void removeAsksAtOrBelow(long price) {
        asksLock.lock();
        try {
            asks.removeIf(ask -> ask <= price);
        } finally {
            asksLock.unlock();
        }
    }

    public void addAsk(long price) throws InterruptedException {
        asksLock.lockInterruptibly();
        try {
            asks.add(price);
            bidsLock.lockInterruptibly();
            try {
                bids.removeIf(bid -> bid >= price);
            } finally {
                bidsLock.unlock();
            }
        } finally {
            asksLock.unlock();
        }
    }
}
