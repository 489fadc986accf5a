package io.github.gridlock.samples.lockorder;

/**
 * GL_LOCK_ORDER_INVERSION across two classes, through synchronized methods. {@code reserve()} holds the
 * inventory's monitor and calls the ledger's synchronized {@code record()}; {@link WarehouseLedger#audit}
 * holds the ledger's monitor and calls the inventory's synchronized {@code onHand()}. A reservation racing an
 * audit deadlocks. One cycle, reported once: at the call that acquires the inner lock of the edge that comes
 * first in (source path, line) order, which is here, in WarehouseInventory.java.
 *
 * @see WarehouseInventoryFixed
 */
public class WarehouseInventory {

    private final WarehouseLedger ledger;
    private int units = 100;

    public WarehouseInventory(WarehouseLedger ledger) {
        this.ledger = ledger;
    }

    public synchronized boolean reserve(int n) {
        if (units < n) {
            return false;
        }
        units -= n;
        ledger.record("reserved " + n); // expect: GL_LOCK_ORDER_INVERSION
        return true;
    }

    public synchronized int onHand() {
        return units;
    }
}
