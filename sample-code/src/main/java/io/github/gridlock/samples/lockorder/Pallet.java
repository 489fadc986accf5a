package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.StampedLock;

/**
 * Support class: a pallet with a unique id and a box count guarded by its own {@link StampedLock}. Used by
 * {@link BinTransferDeadlock} and {@link OrderedArgumentLookAlikes}; no finding of its own.
 */
public class Pallet {

    final long id;
    final StampedLock stamps = new StampedLock();
    int boxes;

    public Pallet(long id, int boxes) {
        this.id = id;
        this.boxes = boxes;
    }
}
