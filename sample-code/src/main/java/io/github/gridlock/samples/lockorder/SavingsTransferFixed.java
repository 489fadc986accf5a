package io.github.gridlock.samples.lockorder;

/**
 * Fixed twin of {@link SavingsTransferDeadlock}: the two monitors are taken in ascending id order, whichever
 * argument each account came in.
 */
public class SavingsTransferFixed {

    public static void payInterest(Account from, SavingsAccount to, long amount) {
        Account first = from.id < to.id ? from : to;
        Account second = from.id < to.id ? to : from;
        synchronized (first) {
            synchronized (second) {
                from.withdraw(amount);
                to.credit(amount);
            }
        }
    }
}
