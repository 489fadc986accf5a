package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed twin of {@link ExecuteAroundDeadlock}: {@code review} takes the ledger's lock before the audit lock,
 * the order the lambda run by {@code inLedger} takes them in, so every path nests them the same way.
 */
public class ExecuteAroundDeadlockFixed {

    private final Object ledgerLock = new Object();
    private final Object auditLock = new Object();
    private final List<String> entries = new ArrayList<>();
    private final List<String> audit = new ArrayList<>();

    private void inLedger(Runnable change) {
        synchronized (ledgerLock) {
            change.run();
        }
    }

    public void post(String entry) {
        inLedger(() -> {
            entries.add(entry);
            synchronized (auditLock) {
                audit.add("posted " + entry);
            }
        });
    }

    public int review() {
        synchronized (ledgerLock) {
            synchronized (auditLock) {
                audit.add("reviewed " + entries.size());
                return entries.size();
            }
        }
    }
}
