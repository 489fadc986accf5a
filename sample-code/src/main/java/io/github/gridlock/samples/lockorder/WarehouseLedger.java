package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * The other half of the cycle of {@link WarehouseInventory}: {@code audit()} holds the ledger's monitor and
 * calls back into the inventory. The finding of the cycle is reported in WarehouseInventory.java, so this
 * file carries no marker.
 */
public class WarehouseLedger {

    private final List<String> entries = new ArrayList<>();
    private WarehouseInventory inventory;

    public synchronized void attach(WarehouseInventory inventory) {
        this.inventory = inventory;
    }

    public synchronized void record(String entry) {
        entries.add(entry);
    }

    public synchronized String audit() {
        return entries.size() + " entries, " + inventory.onHand() + " units on hand";
    }
}
