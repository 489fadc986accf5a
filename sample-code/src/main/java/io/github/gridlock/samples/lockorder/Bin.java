package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Support class: a warehouse bin with a unique id, a unit count and its own {@code ReentrantLock} (also
 * reachable through {@link #getLock()}, which is exactly {@code return this.lock}). The bin transfers in
 * {@link BinTransferDeadlock} lock two bins; nothing in this class itself is a finding. {@code units} is only
 * touched with {@code lock} held.
 */
public class Bin {

    final long id;
    final ReentrantLock lock = new ReentrantLock();
    int units;

    public Bin(long id, int units) {
        this.id = id;
        this.units = units;
    }

    public ReentrantLock getLock() {
        return lock;
    }
}
