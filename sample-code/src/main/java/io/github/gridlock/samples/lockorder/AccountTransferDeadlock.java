package io.github.gridlock.samples.lockorder;

/**
 * GL_ARGUMENT_LOCK_ORDER. Seed {@code 004_9b7a5e9ccfbf269c.txt}: {@code transfer(_from, to, amount)} locks {@code
 * _from} then {@code to}, and two threads call {@code transfer(a, b, 100)} and {@code transfer(b, a, 200)}: each holds
 * one account and waits for the other. The locks are taken in <em>argument</em> order, so any two calls with swapped
 * arguments deadlock, though no single line of code is written "in the wrong order". The finding is at the inner
 * acquisition (reported instead of GL_LOCK_ORDER_INVERSION for the same two parameter locks).
 *
 * @see AccountTransferFixed
 */
public class AccountTransferDeadlock {

    /** The seed, with the accounts' monitors. */
    public static void transfer(Account from, Account to, long amount) {
        synchronized (from) {
            from.withdraw(amount);
            synchronized (to) { // expect: GL_ARGUMENT_LOCK_ORDER
                to.deposit(amount);
            }
        }
    }

    /** The seed literally: {@code _from.lock.acquire()} then {@code to.lock.acquire()}. */
    public static void transferWithLocks(Account from, Account to, long amount) {
        from.lock.lock();
        try {
            from.withdraw(amount);
            to.lock.lock(); // expect: GL_ARGUMENT_LOCK_ORDER
            try {
                to.deposit(amount);
            } finally {
                to.lock.unlock();
            }
        } finally {
            from.lock.unlock();
        }
    }

    /** The inner acquisition is the synchronized method {@code deposit} called on {@code to}. */
    public static void transferViaCall(Account from, Account to, long amount) {
        synchronized (from) {
            from.withdraw(amount);
            to.deposit(amount); // expect: GL_ARGUMENT_LOCK_ORDER
        }
    }

    /** The receiver is an argument too: {@code a.mergeFrom(b)} racing {@code b.mergeFrom(a)}. */
    public static final class Tally {
        private long total;

        public synchronized void mergeFrom(Tally other) {
            synchronized (other) { // expect: GL_ARGUMENT_LOCK_ORDER
                total += other.total;
                other.total = 0;
            }
        }
    }
}
