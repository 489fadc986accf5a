package io.github.gridlock.samples.lockorder;

/**
 * Support class: a savings account IS an {@link Account} (a related type), with interest credited under its own
 * monitor. Used by {@link SavingsTransferDeadlock}; no finding of its own.
 */
public class SavingsAccount extends Account {

    private long interest;

    public SavingsAccount(long id, long balance) {
        super(id, balance);
    }

    synchronized void credit(long amount) {
        interest += amount;
    }
}
