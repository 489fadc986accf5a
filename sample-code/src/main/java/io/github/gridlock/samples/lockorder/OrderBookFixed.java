package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed twin of {@link OrderBookDeadlock}: the book's lock order is bids before asks everywhere, including in
 * {@code addAsk}, which now takes {@code bidsLock} first.
 */
public class OrderBookFixed {

    private final ReentrantLock bidsLock = new ReentrantLock();
    private final ReentrantLock asksLock = new ReentrantLock();
    private final List<Long> bids = new ArrayList<>();
    private final List<Long> asks = new ArrayList<>();

    public void addBid(long price) throws InterruptedException {
        bidsLock.lockInterruptibly();
        try {
            bids.add(price);
            matchAgainstAsks(price);
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
        bidsLock.lockInterruptibly();
        try {
            asksLock.lockInterruptibly();
            try {
                asks.add(price);
                bids.removeIf(bid -> bid >= price);
            } finally {
                asksLock.unlock();
            }
        } finally {
            bidsLock.unlock();
        }
    }
}
