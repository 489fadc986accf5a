package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * GL_LOCK_ORDER_INVERSION through a lambda. The ledger runs every change inside {@code inLedger(...)}, an
 * execute-around helper that holds the ledger's lock while the lambda runs; {@code post} passes a lambda that
 * takes the audit lock, and {@code review} takes the audit lock first and then the ledger's. A thread posting
 * and a thread reviewing deadlock, though no method of the class nests the two locks in its own code. The
 * finding is at the lambda's acquisition, reached from {@code post} while {@code inLedger} holds the ledger.
 *
 * @see ExecuteAroundDeadlockFixed
 */
public class ExecuteAroundDeadlock {

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
        inLedger(() -> { // expect: GL_LOCK_ORDER_INVERSION
            entries.add(entry);
            synchronized (auditLock) {
                audit.add("posted " + entry);
            }
        });
    }

    public int review() {
        synchronized (auditLock) {
            synchronized (ledgerLock) {
                audit.add("reviewed " + entries.size());
                return entries.size();
            }
        }
    }
}
