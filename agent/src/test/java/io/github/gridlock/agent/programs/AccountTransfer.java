package io.github.gridlock.agent.programs;

/**
 * transfer(a, b) and transfer(b, a) lock the two accounts in opposite orders. Args: "monitor" (synchronized on the
 * accounts), "lock" (each Account has a ReentrantLock field), "fixed-monitor", "fixed-lock" (locks taken in id
 * order).
 */
public final class AccountTransfer {
    static final class Account {
        final int id;
        final java.util.concurrent.locks.Lock lock = new java.util.concurrent.locks.ReentrantLock();
        long balance = 100;

        Account(int id) {
            this.id = id;
        }
    }

    static void transferMonitor(Account from, Account to, long amount) {
        synchronized (from) {
            synchronized (to) {
                from.balance -= amount;
                to.balance += amount;
            }
        }
    }

    static void transferLock(Account from, Account to, long amount) {
        from.lock.lock();
        try {
            to.lock.lock();
            try {
                from.balance -= amount;
                to.balance += amount;
            } finally {
                to.lock.unlock();
            }
        } finally {
            from.lock.unlock();
        }
    }

    static void transferMonitorFixed(Account from, Account to, long amount) {
        Account first = from.id < to.id ? from : to;
        Account second = first == from ? to : from;
        synchronized (first) {
            synchronized (second) {
                from.balance -= amount;
                to.balance += amount;
            }
        }
    }

    static void transferLockFixed(Account from, Account to, long amount) {
        Account first = from.id < to.id ? from : to;
        Account second = first == from ? to : from;
        first.lock.lock();
        try {
            second.lock.lock();
            try {
                from.balance -= amount;
                to.balance += amount;
            } finally {
                second.lock.unlock();
            }
        } finally {
            first.lock.unlock();
        }
    }

    interface Transfer {
        void run(Account from, Account to, long amount);
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "monitor";
        Transfer t;
        switch (mode) {
            case "monitor":
                t = AccountTransfer::transferMonitor;
                break;
            case "lock":
                t = AccountTransfer::transferLock;
                break;
            case "fixed-monitor":
                t = AccountTransfer::transferMonitorFixed;
                break;
            case "fixed-lock":
                t = AccountTransfer::transferLockFixed;
                break;
            default:
                throw new IllegalArgumentException(mode);
        }
        Account a = new Account(1);
        Account b = new Account(2);
        Schedules.oneAfterTheOther("alice", () -> t.run(a, b, 10), "bob", () -> t.run(b, a, 5));
        System.out.println("balances " + a.balance + " " + b.balance);
    }
}
