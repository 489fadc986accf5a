package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Support class: a static "holder" of the two locks of the dispatch desk, shared by every class that touches
 * orders or stock. Static fields are exact lock identities (one object each), so {@link DispatchDeadlock}
 * taking them in both orders is a cycle even though the locks are declared here. Nothing in this class is a
 * finding.
 */
public final class DispatchLocks {

    /** Guards the open orders. */
    public static final Object ORDERS = new Object();

    /** Guards the stock counts. */
    public static final ReentrantLock STOCK = new ReentrantLock();

    private DispatchLocks() {
    }
}
