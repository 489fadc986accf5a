package io.github.gridlock.samples.lockorder;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Seed {@code 004_9b7a5e9ccfbf269c.txt}'s {@code Account(_id, balance, lock)}: an id, a balance and its own lock. Used
 * by {@link AccountTransferDeadlock} and its fixed twin; nothing in this class itself is a finding.
 */
public class Account {

    final long id;
    final ReentrantLock lock = new ReentrantLock();
    private long balance;

    public Account(long id, long balance) {
        this.id = id;
        this.balance = balance;
    }

    public synchronized void withdraw(long amount) {
        balance -= amount;
    }

    public synchronized void deposit(long amount) {
        balance += amount;
    }

    public synchronized long balance() {
        return balance;
    }
}
