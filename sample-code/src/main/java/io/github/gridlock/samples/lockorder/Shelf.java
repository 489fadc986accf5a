package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Support class: a shelf with a unique id and items guarded by its own {@link ReentrantReadWriteLock}. Used by
 * {@link BinTransferDeadlock} and {@link OrderedArgumentLookAlikes}; no finding of its own.
 */
public class Shelf {

    final long id;
    final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    final List<String> items = new ArrayList<>();

    public Shelf(long id) {
        this.id = id;
    }
}
