package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed twin of {@link WarehouseInventory}/{@link WarehouseLedger}: an "open call". The inventory updates its
 * own state under its monitor, releases it, and only then calls the ledger; so the only lock order left is
 * ledger → inventory (from the audit), and there is no cycle.
 */
public class WarehouseInventoryFixed {

    /** The ledger half, unchanged in shape: audit() still calls into the inventory while holding its lock. */
    public static class Ledger {
        private final List<String> entries = new ArrayList<>();
        private WarehouseInventoryFixed inventory;

        public synchronized void attach(WarehouseInventoryFixed inventory) {
            this.inventory = inventory;
        }

        public synchronized void record(String entry) {
            entries.add(entry);
        }

        public synchronized String audit() {
            return entries.size() + " entries, " + inventory.onHand() + " units on hand";
        }
    }

    private final Ledger ledger;
    private int units = 100;

    public WarehouseInventoryFixed(Ledger ledger) {
        this.ledger = ledger;
    }

    public boolean reserve(int n) {
        synchronized (this) {
            if (units < n) {
                return false;
            }
            units -= n;
        }
        ledger.record("reserved " + n);
        return true;
    }

    public synchronized int onHand() {
        return units;
    }
}
