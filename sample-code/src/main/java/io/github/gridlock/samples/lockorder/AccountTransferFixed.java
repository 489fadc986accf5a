package io.github.gridlock.samples.lockorder;

/**
 * Fixed twin of {@link AccountTransferDeadlock}: seed 004's second remedy (from the Python Cookbook): give
 * every lock a unique id and always take them in ascending id order, whatever the argument order.
 */
public class AccountTransferFixed {

    public static void transfer(Account from, Account to, long amount) {
        Account first = from.id < to.id ? from : to;
        Account second = from.id < to.id ? to : from;
        synchronized (first) {
            synchronized (second) {
                from.withdraw(amount);
                to.deposit(amount);
            }
        }
    }

    public static void transferWithLocks(Account from, Account to, long amount) {
        Account first = from.id < to.id ? from : to;
        Account second = from.id < to.id ? to : from;
        first.lock.lock();
        try {
            second.lock.lock();
            try {
                from.withdraw(amount);
                to.deposit(amount);
            } finally {
                second.lock.unlock();
            }
        } finally {
            first.lock.unlock();
        }
    }

    /** Open calls: withdraw and deposit each take one monitor, never both at once. */
    public static void transferViaCall(Account from, Account to, long amount) {
        from.withdraw(amount);
        to.deposit(amount);
    }
}
