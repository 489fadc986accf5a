package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * Safe look-alikes for GL_ARGUMENT_LOCK_ORDER: two parameters locked one inside the other, but the order
 * cannot be swapped by the caller: the parameters have different types that are always nested the same way
 * (an account inside its audit log, never the reverse), or the method is private and its only caller
 * passes the accounts already sorted by id.
 */
public class ArgumentLockLookAlikes {

    /** An audit log; its monitor is only ever taken inside an account's. */
    public static final class AuditLog {
        private final List<String> lines = new ArrayList<>();

        void append(String line) {
            lines.add(line);
        }
    }

    public static void withdrawAudited(Account account, AuditLog log, long amount) {
        synchronized (account) {
            synchronized (log) {
                account.withdraw(amount);
                log.append("withdrew " + amount + " from " + account.id);
            }
        }
    }

    public static void transfer(Account from, Account to, long amount) {
        if (from.id < to.id) {
            lockedTransfer(from, to, from, to, amount);
        } else {
            lockedTransfer(to, from, from, to, amount);
        }
    }

    private static void lockedTransfer(Account lower, Account higher, Account from, Account to, long amount) {
        synchronized (lower) {
            synchronized (higher) {
                from.withdraw(amount);
                to.deposit(amount);
            }
        }
    }
}
